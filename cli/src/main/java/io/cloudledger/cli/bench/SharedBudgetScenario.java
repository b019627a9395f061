package io.cloudledger.cli.bench;

import io.cloudledger.aws.dynamodb.DynamoDbBucketProxyManager;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.aws.inventory.AwsInventorySource;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.ratelimit.ApiBudgets;
import io.cloudledger.core.ratelimit.RateBudget;
import io.cloudledger.core.ratelimit.TokenBuckets;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.core.sync.SyncTarget;
import io.cloudledger.sandbox.CallCount;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * 32 workers syncing one account at once (as 32 queue messages for one account would start 32
 * function instances), under a sandbox limit of N EC2 calls per second and region: without a budget
 * they overrun the limit and get throttled; drawing from one budget shared through DynamoDB they
 * stay under it and every sync completes.
 */
final class SharedBudgetScenario implements BenchScenario {
  static final String TABLE_PREFIX = "bench-budget-";
  static final int WORKERS = 32;
  static final int LIMIT_PER_SECOND = 20;
  // A wall-clock second holds at most capacity + refill tokens: 2 + 18 = the limit.
  static final RateBudget BUDGET = new RateBudget(2, LIMIT_PER_SECOND - 2);
  private static final int RESOURCES = 40;
  private static final int INSTANCES = 4;

  private record Run(double seconds, long calls, long peak, long throttled, int failed) {}

  @Override
  public String id() {
    return "shared-budget";
  }

  @Override
  public String description() {
    return WORKERS
        + " workers on one account under a sandbox limit of "
        + LIMIT_PER_SECOND
        + " EC2 calls/s, without and with the shared budget";
  }

  @Override
  public void run(BenchContext context) {
    String limit = "Describe*:limit=" + LIMIT_PER_SECOND + "/s";
    String latency = context.settings().latencySpec();
    SandboxOptions options =
        SandboxOptions.defaults()
            .withAccounts(1)
            .withResourcesPerAccount(RESOURCES)
            .withSeed(context.settings().seed())
            .withFaults(FaultPlan.parse(latency.isEmpty() ? limit : latency + ";" + limit));
    try (Sandbox sandbox = Sandbox.start(options)) {
      AwsAccount account = sandbox.estate().accounts().getFirst();
      DynamoDbTables.ensureExists(context.dynamoDb(), TABLE_PREFIX);
      Run without = run(context, sandbox, account, "without", worker -> ApiBudgets.unlimited());
      List<ApiBudgets> instances = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        // Each instance its own proxies (as separate functions have); one table between them.
        instances.add(
            new ApiBudgets(
                TokenBuckets.shared(
                    DynamoDbBucketProxyManager.create(context.dynamoDb(), TABLE_PREFIX)),
                Map.of(ApiBudgets.AWS_EC2, BUDGET),
                Duration.ofMinutes(2)));
      }
      Run with =
          run(context, sandbox, account, "with", worker -> instances.get(worker % INSTANCES));
      context
          .results()
          .sharedBudget(
              new SharedBudgetMeasurement(
                  true,
                  WORKERS,
                  LIMIT_PER_SECOND,
                  BUDGET.toSpec(),
                  account.resourceCount(),
                  Figures.round(without.seconds(), 1),
                  without.calls(),
                  without.peak(),
                  without.throttled(),
                  without.failed(),
                  Figures.round(with.seconds(), 1),
                  with.calls(),
                  with.peak(),
                  with.throttled(),
                  with.failed(),
                  "peak = most EC2 calls one region got in one wall-clock second; "
                      + INSTANCES
                      + " worker instances of "
                      + WORKERS / INSTANCES));
      context.log(
          String.format(
              "shared-budget: without peak %d/s, %d throttled, %d failed; with peak %d/s, %d"
                  + " throttled, %d failed",
              without.peak(),
              without.throttled(),
              without.failed(),
              with.peak(),
              with.throttled(),
              with.failed()));
    }
  }

  private static Run run(
      BenchContext context,
      Sandbox sandbox,
      AwsAccount account,
      String label,
      Function<Integer, ApiBudgets> budgets) {
    sandbox.counters().reset();
    CloudledgerConfig config =
        ConfigLoader.parse(session(sandbox, account), Path.of("(bench shared-budget)"));
    ConfigResolver resolver =
        new ConfigResolver(
            Map.of(
                "BENCH_KEY_ID", sandbox.managementKeys().accessKeyId(),
                "BENCH_SECRET", sandbox.managementKeys().secretAccessKey(),
                "BENCH_EXTERNAL_ID", account.externalId()),
            SecretLookup.none());
    AwsSession session = (AwsSession) config.sessions(SessionType.AWS).getFirst();
    SyncEngine engine =
        new SyncEngine(
            DynamoDbInventoryStore.create(context.dynamoDb(), TABLE_PREFIX),
            DynamoDbSyncRunStore.create(context.dynamoDb(), TABLE_PREFIX),
            Clock.systemUTC(),
            SyncSettings.defaults());
    List<AwsInventorySource> sources = new ArrayList<>();
    int failed = 0;
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
      for (int w = 0; w < WORKERS; w++) {
        sources.add(
            AwsInventorySource.create(
                session,
                resolver,
                AwsSourceSettings.defaults()
                    .withClients(AwsClientSettings.defaults().withBudgets(budgets.apply(w)))));
      }
      List<Future<SyncResult>> futures = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        AwsInventorySource source = sources.get(w);
        String requestId = "bench-budget-" + label + "-" + w;
        futures.add(
            pool.submit(
                () ->
                    engine.sync(
                        new SyncTarget(
                            requestId,
                            source.accountKey(),
                            EnumSet.allOf(ResourceType.class),
                            "bench"),
                        source)));
      }
      for (Future<SyncResult> future : futures) {
        try {
          if (future.get().status() != SyncStatus.SUCCEEDED) {
            failed++;
          }
        } catch (Exception e) {
          failed++;
        }
      }
    } finally {
      sources.forEach(AwsInventorySource::close);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<CallCount> counts = sandbox.counters().snapshot();
    long calls =
        counts.stream()
            .filter(c -> c.operation().startsWith("Describe"))
            .mapToLong(CallCount::calls)
            .sum();
    long throttled =
        counts.stream()
            .filter(c -> c.operation().startsWith("Describe"))
            .mapToLong(CallCount::injectedFaults)
            .sum();
    long peak =
        sandbox.counters().peakCallsPerSecond(account.accountId(), op -> op.startsWith("Describe"));
    return new Run(seconds, calls, peak, throttled, failed);
  }

  private static String session(Sandbox sandbox, AwsAccount account) {
    return "cloud_sessions:\n"
        + "  - name: bench_budget\n"
        + "    session_type: aws\n"
        + "    region: us-east-1\n"
        + "    access_key_id: ENV/BENCH_KEY_ID\n"
        + "    secret_access_key: ENV/BENCH_SECRET\n"
        + "    role_arn: "
        + account.roleArn()
        + "\n"
        + (account.requiredExternalId().isPresent()
            ? "    external_id: ENV/BENCH_EXTERNAL_ID\n"
            : "")
        + "    endpoint_url: "
        + sandbox.endpoints().aws()
        + "\n";
  }
}
