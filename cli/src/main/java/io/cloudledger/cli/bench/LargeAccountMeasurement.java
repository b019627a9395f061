package io.cloudledger.cli.bench;

/**
 * Memory of a first sync of one large account. Heap figures are the whole JVM's, so they include
 * the sandbox's generated estate and DynamoDB Local (same process): {@code heapBeforeMb} is the
 * live heap just before the sync, {@code peakLiveHeapMb} the largest live heap sampled by a full
 * collection every 2 s during it, {@code peakHeapUsedMb} the largest heap in use (garbage
 * included), {@code accountInMemoryMb} what the account's resources take when all held at once
 * (read back from the store into a list, measured the same way), {@code accountCopiesHeld} the
 * sync's live growth over that, {@code allocatedMb} what every thread allocated during the sync.
 * {@code ran} is false when not asked for.
 */
public record LargeAccountMeasurement(
    boolean ran,
    long resources,
    double seconds,
    double resourcesPerSecond,
    double heapBeforeMb,
    double peakLiveHeapMb,
    double peakHeapUsedMb,
    double accountInMemoryMb,
    double accountCopiesHeld,
    double allocatedMb,
    long allocatedBytesPerResource,
    String note) {

  static LargeAccountMeasurement notRun(String note) {
    return new LargeAccountMeasurement(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, note);
  }
}
