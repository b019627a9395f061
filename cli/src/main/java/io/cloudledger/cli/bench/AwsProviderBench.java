package io.cloudledger.cli.bench;

import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.aws.inventory.AwsInventorySource;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.cli.sync.AccountJob;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.sandbox.CallCount;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AWS in the benchmark: a sandbox estate with the configured latency, read by cloudledger through
 * one configured session per account (AssumeRole, ExternalId where demanded, as a user's config
 * does) and by the baseline script through the same endpoint with the same management keys.
 */
final class AwsProviderBench implements ProviderBench {
  private static final String ACCESS_KEY_VARIABLE = "CLOUDLEDGER_BENCH_ACCESS_KEY_ID";
  private static final String SECRET_KEY_VARIABLE = "CLOUDLEDGER_BENCH_SECRET_ACCESS_KEY";
  private static final String EXTERNAL_ID_PREFIX = "CLOUDLEDGER_BENCH_EXTERNAL_ID_";

  /** The page size both implementations ask for (EC2 MaxResults, S3 max-buckets). */
  private static final int PAGE_SIZE = 1000;

  private final Sandbox sandbox;
  private final String latencySpec;
  private final List<AwsInventorySource> sources;
  private final SdkHttpClient baselineHttp;
  private final OptimizedSync optimized;
  private final AwsBaselineSync baseline;
  private final DynamoDbInventoryStore store;
  private final Set<AccountKey> accounts;

  private AwsProviderBench(
      Sandbox sandbox,
      String latencySpec,
      List<AwsInventorySource> sources,
      SdkHttpClient baselineHttp,
      OptimizedSync optimized,
      AwsBaselineSync baseline,
      DynamoDbInventoryStore store,
      Set<AccountKey> accounts) {
    this.sandbox = sandbox;
    this.latencySpec = latencySpec;
    this.sources = sources;
    this.baselineHttp = baselineHttp;
    this.optimized = optimized;
    this.baseline = baseline;
    this.store = store;
    this.accounts = accounts;
  }

  /**
   * Starts a sandbox of {@code accounts} x {@code resources} and prepares both implementations,
   * with cloudledger's tables under {@code tablePrefix} and the baseline's table next to them.
   */
  static AwsProviderBench start(
      BenchSettings settings,
      int accounts,
      int resources,
      DynamoDbClient dynamoDb,
      String tablePrefix) {
    SandboxOptions options =
        SandboxOptions.defaults()
            .withAccounts(accounts)
            .withResourcesPerAccount(resources)
            .withSeed(settings.seed())
            .withFaults(plan(settings.latencySpec()));
    Sandbox sandbox = Sandbox.start(options);
    List<AwsInventorySource> sources = new ArrayList<>();
    SdkHttpClient baselineHttp = null;
    try {
      Map<String, String> environment = new HashMap<>();
      CloudledgerConfig config = config(sandbox, environment);
      ConfigResolver resolver = new ConfigResolver(environment, SecretLookup.none());
      List<AccountJob> jobs = new ArrayList<>();
      for (var session : config.sessions(SessionType.AWS)) {
        AwsInventorySource source =
            AwsInventorySource.create((AwsSession) session, resolver, AwsSourceSettings.defaults());
        sources.add(source);
        jobs.add(new AccountJob(source.accountKey(), source));
      }
      DynamoDbTables.ensureExists(dynamoDb, tablePrefix);
      DynamoDbInventoryStore store = DynamoDbInventoryStore.create(dynamoDb, tablePrefix);
      SyncEngine engine =
          new SyncEngine(
              store,
              DynamoDbSyncRunStore.create(dynamoDb, tablePrefix),
              Clock.systemUTC(),
              SyncSettings.defaults());
      OptimizedSync optimized =
          OptimizedSync.over(jobs, store, engine, settings.parallelAccounts());
      baselineHttp = UrlConnectionHttpClient.create();
      List<AwsBaselineSync.Target> targets =
          sandbox.estate().accounts().stream()
              .map(a -> new AwsBaselineSync.Target(a.accountId(), a.roleArn(), a.externalId()))
              .toList();
      AwsBaselineSync baseline =
          new AwsBaselineSync(
              targets,
              sandbox.endpoints().aws(),
              AwsBasicCredentials.create(
                  sandbox.managementKeys().accessKeyId(),
                  sandbox.managementKeys().secretAccessKey()),
              baselineHttp,
              dynamoDb,
              tablePrefix + "baseline-inventory");
      return new AwsProviderBench(
          sandbox,
          settings.latencySpec(),
          sources,
          baselineHttp,
          optimized,
          baseline,
          store,
          jobs.stream().map(AccountJob::account).collect(Collectors.toSet()));
    } catch (RuntimeException e) {
      sources.forEach(AwsInventorySource::close);
      if (baselineHttp != null) {
        baselineHttp.close();
      }
      sandbox.close();
      throw e;
    }
  }

  /**
   * One session per account, exactly as a user would configure it; the management keys and
   * ExternalIds travel as {@code ENV/} references resolved from {@code environment}.
   */
  private static CloudledgerConfig config(Sandbox sandbox, Map<String, String> environment) {
    environment.put(ACCESS_KEY_VARIABLE, sandbox.managementKeys().accessKeyId());
    environment.put(SECRET_KEY_VARIABLE, sandbox.managementKeys().secretAccessKey());
    StringBuilder yaml = new StringBuilder("cloud_sessions:\n");
    for (AwsAccount account : sandbox.estate().accounts()) {
      yaml.append("  - name: bench_")
          .append(account.accountId())
          .append("\n    session_type: aws\n    region: us-east-1\n")
          .append("    access_key_id: ENV/")
          .append(ACCESS_KEY_VARIABLE)
          .append("\n    secret_access_key: ENV/")
          .append(SECRET_KEY_VARIABLE)
          .append("\n    role_arn: ")
          .append(account.roleArn())
          .append("\n    endpoint_url: ")
          .append(sandbox.endpoints().aws())
          .append('\n');
      if (account.requiredExternalId().isPresent()) {
        String variable = EXTERNAL_ID_PREFIX + account.accountId();
        environment.put(variable, account.requiredExternalId().get());
        yaml.append("    external_id: ENV/").append(variable).append('\n');
      }
    }
    return ConfigLoader.parse(yaml.toString(), Path.of("(bench estate)"));
  }

  /** Every stored resource of the synced accounts, read back from cloudledger's store at once. */
  List<Resource> readBackAll() {
    try (Stream<Resource> resources = store.query(InventoryQuery.all().withAccounts(accounts))) {
      return resources.toList();
    }
  }

  @Override
  public String provider() {
    return "aws";
  }

  /**
   * Pages of a full listing at the largest page size: per account and enabled region one each of
   * instances, VPCs and subnets (at least one, even when empty), plus the account's bucket list.
   */
  @Override
  public EstateInfo estate() {
    long resources = 0;
    long pages = 0;
    List<AwsAccount> accounts = sandbox.estate().accounts();
    for (AwsAccount account : accounts) {
      resources += account.resourceCount();
      for (String region : account.enabledRegions()) {
        pages += pages(account.instancesIn(region).size());
        pages += pages(account.vpcsIn(region).size());
        pages += pages(account.subnetsIn(region).size());
      }
      pages += pages(account.buckets().size());
    }
    return new EstateInfo(provider(), accounts.size(), resources, pages);
  }

  private static FaultPlan plan(String spec) {
    return spec.isEmpty() ? FaultPlan.none() : FaultPlan.parse(spec);
  }

  private static long pages(int items) {
    return Math.max(1, (items + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  @Override
  public SyncImplementation optimized() {
    return optimized;
  }

  @Override
  public SyncImplementation baseline() {
    return baseline;
  }

  @Override
  public ApiCalls apiCalls() {
    long calls = 0;
    long faults = 0;
    for (CallCount count : sandbox.counters().snapshot()) {
      calls += count.calls();
      faults += count.injectedFaults();
    }
    return new ApiCalls(calls, faults);
  }

  @Override
  public void advance(double fraction) {
    sandbox.advance(fraction);
  }

  @Override
  public void throttle(double rate) {
    String throttle = String.format(Locale.ROOT, "*:throttle=%s", rate);
    String spec = latencySpec.isEmpty() ? throttle : latencySpec + ";" + throttle;
    sandbox.faults().replace(plan(spec));
  }

  @Override
  public void clearFaults() {
    sandbox.faults().replace(plan(latencySpec));
  }

  @Override
  public void close() {
    sources.forEach(AwsInventorySource::close);
    baselineHttp.close();
    sandbox.close();
  }
}
