package io.cloudledger.cli.bench;

/**
 * One implementation's sync of one provider's estate in one scenario, with the figures derived from
 * it. Every figure comes from a measurement of this run: wall clock, the sandbox's call counters
 * and the capacity DynamoDB reported. {@code resourceWrites} are resources created, changed or
 * tombstoned; {@code itemsWritten} every item the store wrote, bookkeeping (scope records)
 * included, which is what write units are paid for; {@code itemsWrittenPercent} is that over the
 * resources.
 */
public record SyncMeasurement(
    String scenario,
    String provider,
    String implementation,
    int accounts,
    long resources,
    double seconds,
    double resourcesPerSecond,
    long apiCalls,
    long pages,
    double callsPerPage,
    double callsPer1000Resources,
    long resourceWrites,
    long itemsWritten,
    double itemsWrittenPercent,
    double writeUnits,
    long writeCalls,
    long injectedFaults,
    int failedAccounts) {

  static SyncMeasurement of(
      String scenario,
      String provider,
      String implementation,
      EstateInfo estate,
      double seconds,
      ApiCalls calls,
      SyncOutcome outcome) {
    return new SyncMeasurement(
        scenario,
        provider,
        implementation,
        estate.accounts(),
        outcome.resources(),
        Figures.round(seconds, 3),
        Figures.round(Figures.ratio(outcome.resources(), seconds), 1),
        calls.calls(),
        estate.pages(),
        Figures.round(Figures.ratio(calls.calls(), estate.pages()), 3),
        Figures.round(Figures.ratio(calls.calls() * 1000.0, outcome.resources()), 1),
        outcome.resourceWrites(),
        outcome.itemsWritten(),
        Figures.round(Figures.ratio(outcome.itemsWritten() * 100.0, outcome.resources()), 2),
        Figures.round(outcome.writeUnits(), 1),
        outcome.writeCalls(),
        calls.injectedFaults(),
        outcome.failedAccounts());
  }
}
