package io.cloudledger.cli.bench;

/**
 * What one benchmark run covers.
 *
 * @param accounts sandbox accounts per provider
 * @param resourcesPerAccount resources in each account
 * @param latencyMillis latency the sandbox injects into every API call
 * @param throttleRate share of API calls throttled in the throttling scenario
 * @param changeFraction share of resources created, deleted or modified before the change re-sync
 * @param fanOutAccounts accounts whose sync requests go through the queue in the fan-out scenario
 * @param parallelAccounts accounts the optimized worker syncs at once
 * @param seed the estate's seed
 * @param largeResources resources of the single large account, 0 to skip that scenario
 * @param storeCeilingItems items written to measure DynamoDB Local's own write ceiling
 * @param baseline whether the baseline runs next to cloudledger (large estates take it hours)
 * @param sharedBudget whether the shared-budget scenario runs (32 workers on one account)
 */
public record BenchSettings(
    int accounts,
    int resourcesPerAccount,
    int latencyMillis,
    double throttleRate,
    double changeFraction,
    int fanOutAccounts,
    int parallelAccounts,
    long seed,
    int largeResources,
    int storeCeilingItems,
    boolean baseline,
    boolean sharedBudget) {

  /** Settings without the shared-budget scenario. */
  public BenchSettings(
      int accounts,
      int resourcesPerAccount,
      int latencyMillis,
      double throttleRate,
      double changeFraction,
      int fanOutAccounts,
      int parallelAccounts,
      long seed,
      int largeResources,
      int storeCeilingItems,
      boolean baseline) {
    this(
        accounts,
        resourcesPerAccount,
        latencyMillis,
        throttleRate,
        changeFraction,
        fanOutAccounts,
        parallelAccounts,
        seed,
        largeResources,
        storeCeilingItems,
        baseline,
        false);
  }

  public BenchSettings {
    requireAtLeast(accounts, 1, "accounts");
    requireAtLeast(resourcesPerAccount, 4, "resources per account");
    requireAtLeast(latencyMillis, 0, "latency");
    requireAtLeast(fanOutAccounts, 0, "fan-out accounts");
    requireAtLeast(parallelAccounts, 1, "parallel accounts");
    requireAtLeast(largeResources, 0, "large-account resources");
    requireAtLeast(storeCeilingItems, 1, "store ceiling items");
    if (throttleRate < 0 || throttleRate >= 1) {
      throw new IllegalArgumentException(
          "throttle rate must be within [0, 1), got " + throttleRate);
    }
    if (changeFraction <= 0 || changeFraction > 1) {
      throw new IllegalArgumentException(
          "change fraction must be within (0, 1], got " + changeFraction);
    }
  }

  private static void requireAtLeast(long value, long minimum, String name) {
    if (value < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
    }
  }

  /** The same run without injected latency (for warming up). */
  BenchSettings withoutLatency() {
    return new BenchSettings(
        accounts,
        resourcesPerAccount,
        0,
        throttleRate,
        changeFraction,
        fanOutAccounts,
        parallelAccounts,
        seed,
        largeResources,
        storeCeilingItems,
        baseline,
        sharedBudget);
  }

  /** The sandbox fault spec that adds the latency to every call; empty without latency. */
  String latencySpec() {
    return latencyMillis == 0 ? "" : "*:latency=" + latencyMillis;
  }
}
