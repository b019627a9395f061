package io.cloudledger.cli.bench;

/**
 * Memory of a first sync of one large account. Heap figures are the whole JVM's, so they include
 * the sandbox's generated estate and DynamoDB Local (same process): {@code heapBeforeMb} is the
 * heap live after a GC just before the sync, {@code peakHeapAfterGcMb} the largest heap a GC left
 * during it, {@code peakHeapUsedMb} the largest heap in use (garbage included), {@code allocatedMb}
 * what every thread allocated during it. {@code ran} is false when not asked for.
 */
public record LargeAccountMeasurement(
    boolean ran,
    long resources,
    double seconds,
    double resourcesPerSecond,
    double heapBeforeMb,
    double peakHeapAfterGcMb,
    double peakHeapUsedMb,
    double allocatedMb,
    long allocatedBytesPerResource,
    String note) {

  static LargeAccountMeasurement notRun(String note) {
    return new LargeAccountMeasurement(false, 0, 0, 0, 0, 0, 0, 0, 0, note);
  }
}
