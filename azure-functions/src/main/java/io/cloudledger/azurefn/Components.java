package io.cloudledger.azurefn;

import com.azure.storage.queue.QueueClient;
import io.cloudledger.aws.dynamodb.DynamoDbCostStore;
import io.cloudledger.aws.dynamodb.DynamoDbIdempotencyStore;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRequestLog;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.azure.cost.AzureCostSettings;
import io.cloudledger.azure.cost.AzureCostSources;
import io.cloudledger.azure.inventory.AzureAccountDirectory;
import io.cloudledger.azure.inventory.AzureSourceSettings;
import io.cloudledger.azure.queue.AzureStorageQueueDispatcher;
import io.cloudledger.azure.queue.StorageQueues;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.cost.CostSources;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncApi;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncStatusQuery;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.worker.CostKindSync;
import io.cloudledger.core.worker.InventoryKindSync;
import io.cloudledger.core.worker.SyncWorker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The wiring the sync functions share, built once per instance: configuration, the Azure account
 * directory and cost sources, the DynamoDB stores (the product's one store, so state is the same
 * whichever cloud runs the sync), the Storage queue, and the core's fan-out, worker (kinds {@code
 * inventory} and {@code cost}) and HTTP API. Building makes no network call except listing a
 * session's subscriptions when it names none.
 */
final class Components implements AutoCloseable {
  private final FunctionSettings settings;
  private final DynamoDbClient dynamoDb;
  private final Clock clock;
  private final FanOut fanOut;
  private final SyncWorker worker;
  private final SyncApi api;

  Components(
      FunctionSettings settings,
      DynamoDbClient dynamoDb,
      QueueClient queue,
      Function<CloudledgerConfig, AccountDirectory> directories,
      Function<CloudledgerConfig, CostSources> costSources,
      Clock clock) {
    this.settings = settings;
    this.dynamoDb = dynamoDb;
    this.clock = clock;
    CloudledgerConfig config = settings.loadConfig();
    AccountDirectory directory = directories.apply(config);
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
                new CostKindSync(
                    costSources.apply(config),
                    new CostSync(DynamoDbCostStore.create(dynamoDb, prefix), clock))));
    this.fanOut = new FanOut(directory, AzureStorageQueueDispatcher.create(queue), requestLog);
    this.api =
        new SyncApi(
            fanOut,
            new SyncStatusQuery(requestLog, runs, idempotencyStore, clock),
            clock,
            () -> UUID.randomUUID().toString());
  }

  /** Everything from the app settings: Azure sessions from the config, AWS's DynamoDB. */
  static Components fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, List.of());
  }

  /** The same, with {@code interceptors} on the DynamoDB client (tests count its calls). */
  static Components fromEnvironment(
      Map<String, String> env, List<ExecutionInterceptor> interceptors) {
    FunctionSettings settings = FunctionSettings.from(env);
    ConfigResolver resolver = FunctionSettings.resolver(env);
    DynamoDbClientBuilder dynamoDb =
        DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(env))
            .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor));
    settings.dynamoDbEndpointUri().ifPresent(dynamoDb::endpointOverride);
    return new Components(
        settings,
        dynamoDb.build(),
        StorageQueues.client(settings.storageConnection(), settings.queueName()),
        config -> AzureAccountDirectory.create(config, resolver, AzureSourceSettings.defaults()),
        // Each subscription is its own Cost Management scope: one query per subscription a day.
        config ->
            AzureCostSources.create(
                config,
                resolver,
                AzureClientSettings.defaults(),
                AzureCostSettings.defaults(),
                Clock.systemUTC()),
        Clock.systemUTC());
  }

  /**
   * The DynamoDB credentials: the app settings {@code AWS_ACCESS_KEY_ID} and {@code
   * AWS_SECRET_ACCESS_KEY} (Key Vault references in a deployment), else the SDK's default chain.
   */
  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String key = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
    String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
    return key.isBlank() || secret.isBlank()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
  }

  /** Closes the DynamoDB client (the host never does; tests and local runs do). */
  @Override
  public void close() {
    dynamoDb.close();
  }

  FunctionSettings settings() {
    return settings;
  }

  Clock clock() {
    return clock;
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
