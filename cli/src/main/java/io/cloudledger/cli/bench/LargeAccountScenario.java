package io.cloudledger.cli.bench;

import io.cloudledger.core.model.Resource;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Memory of a first sync of one account of {@code resources} (100 000 by default with {@code
 * --large}): the engine streams pages into the store, so the live heap should grow by the listing's
 * keys and a few pages in flight, not by the account held twice. The yardstick is measured too: the
 * account's resources held at once. cloudledger only; the baseline at one call per instance would
 * take most of an hour at 50 ms per call.
 */
final class LargeAccountScenario implements BenchScenario {
  static final String TABLE_PREFIX = "bench-large-";
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

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
      long peakLive;
      long peakUsed;
      long allocated;
      try (HeapProbe probe = HeapProbe.start(SAMPLE_EVERY)) {
        long started = System.nanoTime();
        outcome = large.optimized().syncAll("bench-large-account");
        seconds = (System.nanoTime() - started) / 1e9;
        allocated = probe.allocatedSinceStartBytes();
        peakUsed = probe.peakUsedBytes();
        heapBefore = probe.heapBeforeBytes();
        peakLive = probe.peakLiveBytes();
      }
      long accountInMemory = accountInMemory(large);
      LargeAccountMeasurement measurement =
          new LargeAccountMeasurement(
              true,
              outcome.resources(),
              Figures.round(seconds, 3),
              Figures.round(Figures.ratio(outcome.resources(), seconds), 1),
              Figures.megabytes(heapBefore),
              Figures.megabytes(peakLive),
              Figures.megabytes(peakUsed),
              Figures.megabytes(accountInMemory),
              Figures.round(Figures.ratio(peakLive - heapBefore, accountInMemory), 2),
              allocated < 0 ? -1 : Figures.megabytes(allocated),
              allocated < 0 ? -1 : Math.round(Figures.ratio(allocated, outcome.resources())),
              "whole JVM: the sandbox's estate, SDK pages in flight and DynamoDB Local are in the"
                  + " same process; live heap sampled by a full GC every 2 s; failed accounts: "
                  + outcome.failedAccounts());
      context.results().largeAccount(measurement);
      context.log(
          String.format(
              Locale.ROOT,
              "large account: %d resources in %.1f s, live heap %.0f MB before, %.0f MB at"
                  + " peak; the account held at once takes %.0f MB; %.0f MB allocated",
              measurement.resources(),
              measurement.seconds(),
              measurement.heapBeforeMb(),
              measurement.peakLiveHeapMb(),
              measurement.accountInMemoryMb(),
              measurement.allocatedMb()));
    }
  }

  /** The live heap the synced account's resources take when held in one list. */
  private static long accountInMemory(AwsProviderBench large) {
    long before = HeapProbe.liveHeapBytes();
    List<Resource> all = large.readBackAll();
    long after = HeapProbe.liveHeapBytes();
    Reference.reachabilityFence(all);
    return Math.max(0, after - before);
  }
}
