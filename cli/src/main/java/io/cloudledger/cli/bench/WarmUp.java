package io.cloudledger.cli.bench;

/**
 * Runs both implementations once over a small estate without latency, unmeasured, so the JIT, the
 * SDK clients and DynamoDB Local are warm before the first measured sync (a long-running worker is
 * warm; a cold JVM would penalize whichever implementation runs first).
 */
final class WarmUp implements BenchScenario {
  static final String TABLE_PREFIX = "bench-warmup-";

  @Override
  public String id() {
    return "warm-up";
  }

  @Override
  public String description() {
    return "unmeasured syncs of a small estate without latency";
  }

  @Override
  public void run(BenchContext context) {
    try (AwsProviderBench warm =
        AwsProviderBench.start(
            context.settings().withoutLatency(),
            Math.min(2, context.settings().accounts()),
            Math.min(100, context.settings().resourcesPerAccount()),
            context.dynamoDb(),
            TABLE_PREFIX)) {
      warm.optimized().syncAll("bench-warm-up");
      warm.optimized().syncAll("bench-warm-up-again");
      warm.baseline().syncAll("bench-warm-up");
    }
  }
}
