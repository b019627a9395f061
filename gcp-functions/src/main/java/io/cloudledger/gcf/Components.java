package io.cloudledger.gcf;

import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbIdempotencyStore;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRequestLog;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.dispatch.Dispatcher;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncApi;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncStatusQuery;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.worker.CostKindSync;
import io.cloudledger.core.worker.InventoryKindSync;
import io.cloudledger.core.worker.SyncWorker;
import io.cloudledger.gcp.cost.GcpBillingExportCostSource;
import io.cloudledger.gcp.cost.GcpCostSources;
import io.cloudledger.gcp.inventory.GcpAccountDirectory;
import io.cloudledger.gcp.inventory.GcpSourceSettings;
import io.cloudledger.gcp.queue.PubSubDispatcher;
import io.cloudledger.gcp.queue.PubSubSettings;
import io.cloudledger.gcp.session.GcpClientSettings;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The wiring every function shares, built once per instance: configuration, the DynamoDB stores
 * (the product's one store, in AWS, whichever cloud runs the functions), the Pub/Sub dispatcher and
 * the core's fan-out, worker (kinds {@code inventory} and {@code cost}) and HTTP API. Building
 * makes no call.
 */
final class Components implements AutoCloseable {
  private final GcfSettings settings;
  private final DynamoDbClient dynamoDb;
  private final AutoCloseable dispatcherResource;
  private final FanOut fanOut;
  private final SyncWorker worker;
  private final SyncApi api;

  /**
   * @param dispatcher the sync topic's publisher, or null for a function that never sends (the
   *     worker)
   */
  Components(
      GcfSettings settings,
      Map<String, String> env,
      DynamoDbClient dynamoDb,
      PubSubDispatcher dispatcher,
      Clock clock) {
    this.settings = settings;
    this.dynamoDb = dynamoDb;
    this.dispatcherResource = dispatcher;
    CloudledgerConfig config = settings.loadConfig();
    // SEC/ references need a cloud secret store, which the functions do not wire yet.
    ConfigResolver resolver = new ConfigResolver(env, SecretLookup.none());
    GcpAccountDirectory directory =
        GcpAccountDirectory.create(config, resolver, GcpSourceSettings.defaults());
    String prefix = settings.tablePrefix();
    var idempotencyStore = new DynamoDbIdempotencyStore(dynamoDb, prefix, clock);
    var requestLog = DynamoDbSyncRequestLog.create(dynamoDb, prefix);
    var runs = DynamoDbSyncRunStore.create(dynamoDb, prefix);
    SyncEngine engine =
        new SyncEngine(
            DynamoDbInventoryStore.create(dynamoDb, prefix), runs, clock, SyncSettings.defaults());
    this.worker =
        new SyncWorker(
            new Idempotency(
                idempotencyStore,
                clock,
                IdempotencySettings.forWorkerTimeout(settings.workerTimeout())),
            Map.of(
                SyncKind.INVENTORY,
                new InventoryKindSync(engine, directory),
                SyncKind.COST,
                // One BigQuery query per distinct billing export: the other projects billed to it
                // are COVERED, those of a session without an export NOT_COVERED.
                new CostKindSync(
                    GcpCostSources.create(
                        config,
                        resolver,
                        GcpClientSettings.defaults(),
                        GcpBillingExportCostSource.DEFAULT_PAGE_ROWS,
                        clock),
                    new CostSync(DynamoDbCostStore.create(dynamoDb, prefix), clock))));
    Dispatcher sender =
        dispatcher != null
            ? dispatcher
            : requests -> {
              throw new PermanentException(
                  "no-topic", GcfSettings.TOPIC + " is not set for this function");
            };
    this.fanOut = new FanOut(directory, sender, requestLog);
    this.api =
        new SyncApi(
            fanOut,
            new SyncStatusQuery(requestLog, runs, idempotencyStore, clock),
            clock,
            () -> UUID.randomUUID().toString());
  }

  /** Everything from the environment, with AWS's DynamoDB and Google's Pub/Sub (or overrides). */
  static Components fromEnvironment(Map<String, String> env) {
    GcfSettings settings = GcfSettings.from(env);
    // DynamoDB credentials: the AWS default chain, e.g. AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
    // exposed to the function from Secret Manager (see README).
    DynamoDbClientBuilder dynamoDb =
        DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(settings.region()))
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    settings.dynamoDbEndpointUri().ifPresent(dynamoDb::endpointOverride);
    return new Components(settings, env, dynamoDb.build(), dispatcher(settings), Clock.systemUTC());
  }

  /** The sync topic's dispatcher, or null when this function has no topic (the worker). */
  static PubSubDispatcher dispatcher(GcfSettings settings) {
    if (settings.topic().isEmpty()) {
      return null;
    }
    PubSubSettings pubsub = PubSubSettings.of(settings.topic());
    return PubSubDispatcher.create(
        settings.pubSubEndpoint().isEmpty()
            ? pubsub
            : pubsub.withEndpoint(settings.pubSubEndpoint()));
  }

  /** Closes the clients (Cloud Functions never does; tests and local runs do). */
  @Override
  public void close() throws Exception {
    dynamoDb.close();
    if (dispatcherResource != null) {
      dispatcherResource.close();
    }
  }

  GcfSettings settings() {
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
}
