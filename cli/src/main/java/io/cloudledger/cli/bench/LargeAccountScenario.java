package io.cloudledger.cli.bench;

import java.util.Locale;

/**
 * Memory of a first sync of one account of {@code resources} (100 000 by default with {@code
 * --large}): the engine streams pages into the store, so the heap should hold the listing's keys
 * and hashes, not the account twice. cloudledger only; the baseline at one call per instance would
 * take most of an hour at 50 ms per call.
 */
final class LargeAccountScenario implements BenchScenario {
  static final String TABLE_PREFIX = "bench-large-";

  private final int resources;

  LargeAccountScenario(int resources) {
    this.resources = resources;
  }

  @Override
  public String id() {
    return "large-account";
  }

  @Override
  public String description() {
    return "heap and allocation of a first sync of one " + resources + "-resource account";
  }

  @Override
  public void run(BenchContext context) {
    try (AwsProviderBench large =
        AwsProviderBench.start(
            context.settings(), 1, resources, context.dynamoDb(), TABLE_PREFIX)) {
      SyncOutcome outcome;
      double seconds;
      long heapBefore;
      long peakAfterGc;
      long peakUsed;
      long allocated;
      try (HeapProbe probe = HeapProbe.start()) {
        long started = System.nanoTime();
        outcome = large.optimized().syncAll("bench-large-account");
        seconds = (System.nanoTime() - started) / 1e9;
        heapBefore = probe.heapBeforeBytes();
        peakAfterGc = probe.peakAfterGcBytes();
        peakUsed = probe.peakUsedBytes();
        allocated = probe.allocatedSinceStartBytes();
      }
      LargeAccountMeasurement measurement =
          new LargeAccountMeasurement(
              true,
              outcome.resources(),
              Figures.round(seconds, 3),
              Figures.round(Figures.ratio(outcome.resources(), seconds), 1),
              Figures.megabytes(heapBefore),
              Figures.megabytes(peakAfterGc),
              Figures.megabytes(peakUsed),
              allocated < 0 ? -1 : Figures.megabytes(allocated),
              allocated < 0 ? -1 : Math.round(Figures.ratio(allocated, outcome.resources())),
              "whole JVM: the sandbox's estate and DynamoDB Local run in the same process;"
                  + " failed accounts: "
                  + outcome.failedAccounts());
      context.results().largeAccount(measurement);
      context.log(
          String.format(
              Locale.ROOT,
              "large account: %d resources in %.1f s, heap %.0f MB before, %.0f MB peak after GC,"
                  + " %.0f MB allocated",
              measurement.resources(),
              measurement.seconds(),
              measurement.heapBeforeMb(),
              measurement.peakHeapAfterGcMb(),
              measurement.allocatedMb()));
    }
  }
}
