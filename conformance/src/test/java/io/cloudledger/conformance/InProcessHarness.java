package io.cloudledger.conformance;

import io.cloudledger.aws.dynamodb.DynamoDbIdempotencyStore;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRequestLog;
import io.cloudledger.aws.dynamodb.DynamoDbSyncRunStore;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.dispatch.ApiResponse;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncApi;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.dispatch.SyncStatusQuery;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.worker.InventoryKindSync;
import io.cloudledger.core.worker.SyncWorker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A runtime without a platform, for testing the suite itself: the core's fan-out, worker and API
 * wired as the adapters wire them (DynamoDB stores at the deployment's endpoint), over an in-memory
 * queue that redelivers a failed message and dead-letters it after {@value #MAX_ATTEMPTS} attempts.
 * It syncs all three clouds. A {@link Fault} breaks it on purpose.
 */
final class InProcessHarness implements RuntimeHarness {
  static final int MAX_ATTEMPTS = 3;

  /** Ways to break the runtime, to prove the scenarios catch them. */
  enum Fault {
    NONE,
    /** Every delivery syncs again: no idempotency record survives a delivery. */
    NO_IDEMPOTENCY,
    /** A message that fails is dropped instead of redelivered and dead-lettered. */
    DROPS_FAILED_MESSAGES,
  }

  private record Queued(String body, int attempts) {}

  private final Fault fault;
  private final DynamoDbClient dynamoDb;
  private final Clock clock = Clock.systemUTC();
  private final ReferenceDirectory directory;
  private final FanOut fanOut;
  private final SyncApi api;
  private final SyncEngine engine;
  private final DynamoDbIdempotencyStore idempotencyStore;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private final List<String> deadLettered = new ArrayList<>();

  InProcessHarness(ConformanceDeployment deployment, Fault fault) {
    this.fault = fault;
    ConformanceEnvironment environment = deployment.environment();
    this.dynamoDb =
        DynamoDbClient.builder()
            .endpointOverride(environment.dynamoDbEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    String prefix = deployment.tablePrefix();
    this.directory =
        ReferenceDirectory.of(
            ConfigLoader.parse(environment.configYaml(), Path.of("(in-process)")),
            new ConfigResolver(environment.variables(), SecretLookup.none()),
            providers());
    var runs = DynamoDbSyncRunStore.create(dynamoDb, prefix);
    var requestLog = DynamoDbSyncRequestLog.create(dynamoDb, prefix);
    this.idempotencyStore = new DynamoDbIdempotencyStore(dynamoDb, prefix, clock);
    this.engine =
        new SyncEngine(
            DynamoDbInventoryStore.create(dynamoDb, prefix), runs, clock, SyncSettings.defaults());
    this.fanOut =
        new FanOut(
            directory,
            requests -> requests.forEach(r -> enqueueRaw(SyncRequestCodec.toJson(r))),
            requestLog);
    this.api =
        new SyncApi(
            fanOut,
            new SyncStatusQuery(requestLog, runs, idempotencyStore, clock),
            clock,
            () -> UUID.randomUUID().toString());
  }

  private SyncWorker worker() {
    Idempotency idempotency =
        new Idempotency(
            fault == Fault.NO_IDEMPOTENCY ? new InMemoryIdempotencyStore(clock) : idempotencyStore,
            clock,
            IdempotencySettings.forWorkerTimeout(Duration.ofMinutes(1)));
    return new SyncWorker(
        idempotency, Map.of(SyncKind.INVENTORY, new InventoryKindSync(engine, directory)));
  }

  @Override
  public Set<Provider> providers() {
    return Set.of(Provider.AWS, Provider.AZURE, Provider.GCP);
  }

  @Override
  public void scheduleTick(Instant tick) {
    fanOut.scheduled(tick, Set.of(SyncKind.INVENTORY));
  }

  @Override
  public int drainQueue() {
    int deliveries = 0;
    while (!queue.isEmpty()) {
      Queued message = queue.poll();
      deliveries++;
      try {
        SyncRequest request = SyncRequestCodec.fromJson(message.body());
        worker().process(request);
      } catch (RuntimeException e) {
        if (fault == Fault.DROPS_FAILED_MESSAGES) {
          continue;
        }
        if (message.attempts() + 1 >= MAX_ATTEMPTS) {
          deadLettered.add(message.body());
        } else {
          queue.add(new Queued(message.body(), message.attempts() + 1));
        }
      }
    }
    return deliveries;
  }

  @Override
  public void enqueueRaw(String body) {
    queue.add(new Queued(body, 0));
  }

  @Override
  public List<String> deadLettered() {
    return List.copyOf(deadLettered);
  }

  @Override
  public HttpReply http(String method, String path, String body) {
    ApiResponse response = api.handle(method, path, body);
    return new HttpReply(response.status(), response.body());
  }

  @Override
  public void close() {
    directory.close();
    dynamoDb.close();
  }
}
