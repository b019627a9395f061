package io.cloudledger.lambda;

import io.cloudledger.aws.cost.AwsCostSettings;
import io.cloudledger.aws.cost.AwsCostSources;
import io.cloudledger.aws.dynamodb.DynamoDbBucketProxyManager;
import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbIdempotencyStore;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRequestLog;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.aws.inventory.AwsAccountDirectory;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.aws.sqs.SqsDispatcher;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.dispatch.Dispatcher;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncApi;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.dispatch.SyncStatusQuery;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.ratelimit.ApiBudgets;
import io.cloudledger.core.ratelimit.TokenBuckets;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.worker.CostKindSync;
import io.cloudledger.core.worker.InventoryKindSync;
import io.cloudledger.core.worker.SyncWorker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The wiring every handler shares, built once per container: configuration, SDK clients, stores,
 * and the core's fan-out, worker and HTTP API. Building makes no AWS call.
 */
final class Components implements AutoCloseable {
  private final LambdaSettings settings;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final AwsAccountDirectory directory;
  private final FanOut fanOut;
  private final SyncWorker worker;
  private final SyncApi api;
  private final io.cloudledger.core.health.FreshnessQuery freshness;

  /**
   * @param sqs the queue's client, or null for a function that never sends (the worker, which also
   *     has no queue URL)
   */
  Components(
      LambdaSettings settings,
      Map<String, String> env,
      DynamoDbClient dynamoDb,
      SqsClient sqs,
      Clock clock) {
    this.settings = settings;
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    CloudledgerConfig config =
        settings.inlineConfig()
            ? ConfigLoader.parse(settings.config(), Path.of("(" + LambdaSettings.CONFIG + ")"))
            : ConfigLoader.load(Path.of(settings.config()));
    // SEC/ references need a cloud secret store, which the functions do not wire yet.
    ConfigResolver resolver = new ConfigResolver(env, SecretLookup.none());
    String prefix = settings.tablePrefix();
    // Every worker instance draws its API calls from the same budgets in the rate-buckets table,
    // so concurrent workers on one account stay under that account's throttling together.
    ApiBudgets budgets =
        config
            .rateBudgets()
            .over(TokenBuckets.shared(DynamoDbBucketProxyManager.create(dynamoDb, prefix)));
    this.directory =
        AwsAccountDirectory.create(
            config,
            resolver,
            AwsSourceSettings.defaults()
                .withClients(AwsClientSettings.defaults().withBudgets(budgets)));
    var idempotencyStore = new DynamoDbIdempotencyStore(dynamoDb, prefix, clock);
    var requestLog = DynamoDbSyncRequestLog.create(dynamoDb, prefix);
    var runs = DynamoDbSyncRunStore.create(dynamoDb, prefix);
    DynamoDbInventoryStore inventory = DynamoDbInventoryStore.create(dynamoDb, prefix);
    SyncEngine engine = new SyncEngine(inventory, runs, clock, SyncSettings.defaults());
    Dispatcher dispatcher =
        sqs == null || settings.queueUrl().isEmpty()
            ? requests -> {
              throw new PermanentException(
                  "no-queue", LambdaSettings.QUEUE_URL + " is not set for this function");
            }
            : SqsDispatcher.create(sqs, settings.requireQueueUrl());
    // The worker sends the scopes it had no time for back to its own queue as the next part.
    this.worker =
        new SyncWorker(
            new Idempotency(
                idempotencyStore,
                clock,
                IdempotencySettings.forWorkerTimeout(settings.workerTimeout())),
            Map.of(
                SyncKind.INVENTORY,
                new InventoryKindSync(engine, directory, dispatcher),
                SyncKind.COST,
                new CostKindSync(
                    // This worker carries the AWS connector only: Azure and GCP cost run in
                    // their own runtimes, where their connectors are.
                    CostSources.byProvider(
                        Map.of(
                            Provider.AWS,
                            new AwsCostSources(
                                directory,
                                resolver,
                                AwsCostSettings.defaults(),
                                AwsClientSettings.defaults().withBudgets(budgets)))),
                    new CostSync(DynamoDbCostStore.create(dynamoDb, prefix), clock))));
    // Suspended or closed organization members are not synced: their scopes are marked stale.
    this.fanOut =
        new FanOut(
            directory,
            dispatcher,
            requestLog,
            new io.cloudledger.core.discovery.StaleInventory(inventory, clock));
    this.freshness =
        new io.cloudledger.core.health.FreshnessQuery(
            inventory, clock, FreshnessMetrics.maxAge(env));
    this.api =
        new SyncApi(
                fanOut,
                new SyncStatusQuery(requestLog, runs, idempotencyStore, clock),
                clock,
                () -> UUID.randomUUID().toString(),
                new io.cloudledger.core.dispatch.AccountsStatus(directory, freshness))
            .withTargets(new io.cloudledger.core.dispatch.ResourceTargets(directory, inventory));
  }

  /** Everything from the environment, with AWS's (or the configured) endpoints. */
  static Components fromEnvironment(Map<String, String> env) {
    LambdaSettings settings = LambdaSettings.from(env);
    SdkHttpClient http = UrlConnectionHttpClient.create();
    DynamoDbClientBuilder dynamoDb =
        DynamoDbClient.builder()
            .httpClient(http)
            .region(Region.of(settings.region()))
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    settings.dynamoDbEndpointUri().ifPresent(dynamoDb::endpointOverride);
    SqsClient sqs = null;
    if (!settings.queueUrl().isEmpty()) {
      SqsClientBuilder builder =
          SqsClient.builder()
              .httpClient(http)
              .region(Region.of(settings.region()))
              .credentialsProvider(DefaultCredentialsProvider.builder().build());
      settings.sqsEndpointUri().ifPresent(builder::endpointOverride);
      sqs = builder.build();
    }
    return new Components(settings, env, dynamoDb.build(), sqs, Clock.systemUTC());
  }

  /** Closes the SDK clients (Lambda never does; tests and local runs do). */
  @Override
  public void close() {
    dynamoDb.close();
    if (sqs != null) {
      sqs.close();
    }
  }

  /** How current each account's inventory is (GET /accounts, the fan-out's metric). */
  io.cloudledger.core.health.FreshnessQuery freshness() {
    return freshness;
  }

  LambdaSettings settings() {
    return settings;
  }

  FanOut fanOut() {
    return fanOut;
  }

  SyncWorker worker() {
    return worker;
  }

  SyncApi api() {
    return api;
  }

  /**
   * Warms the paths a first invocation takes, without any network call: JSON of requests and
   * answers, the API's body parsing and error answers (for SnapStart's checkpoint).
   */
  void prime() {
    SyncRequest sample =
        SyncRequest.of(
            "prime",
            AccountKey.parse("aws#000000000000"),
            Set.of(SyncKind.INVENTORY),
            "prime",
            Instant.EPOCH);
    SyncRequestCodec.fromJson(SyncRequestCodec.toJson(sample));
    api.handle("POST", "/sync", "{\"accounts\": \"not-a-list\"}");
    api.handle("PATCH", "/sync", "");
    directory.accounts();
  }
}
