package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.azure.queue.Azurite;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.sandbox.estate.AzureSubscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * The timer fan-out and the queue worker through their function classes, against a 3-subscription
 * sandbox, Azurite (the sync queue, base64, and the host's retry and poison handling emulated by
 * {@link QueueHost}) and DynamoDB Local (the stores).
 */
@ExtendWith({DynamoDbLocal.class, Azurite.class})
class SyncFunctionsTest {
  private static final Duration DRAIN = Duration.ofSeconds(90);
  private static LocalAzure local;

  @BeforeAll
  static void start() {
    local = LocalAzure.start(3, 12);
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void fanOut_onATimerTick_sendsOneBase64MessagePerSubscription() {
    Map<String, String> env = local.freshDeployment();
    Components components = local.components(env);

    new FanOutFunction(components).run(timerInfo(), TestExecutionContext.of("fanOut"));

    QueueClient raw =
        new QueueClientBuilder()
            .connectionString(Azurite.connectionString())
            .queueName(env.get(FunctionSettings.QUEUE_NAME))
            .messageEncoding(QueueMessageEncoding.NONE)
            .buildClient();
    List<SyncRequest> sent = new ArrayList<>();
    raw.receiveMessages(32)
        .forEach(
            m ->
                sent.add(
                    SyncRequestCodec.fromJson(
                        new String(
                            Base64.getDecoder().decode(m.getBody().toString()),
                            StandardCharsets.UTF_8))));
    assertThat(sent)
        .extracting(SyncRequest::accountKey)
        .containsExactlyInAnyOrderElementsOf(
            local.subscriptions().stream().map(LocalAzure::key).toList());
    assertThat(sent)
        .extracting(SyncRequest::requestId)
        .containsOnly(
            FanOut.scheduledRequestId(
                Instant.parse("2026-11-23T17:00:00Z"), Set.of(SyncKind.INVENTORY)));
  }

  @Test
  void worker_drainingTheFannedOutQueue_storesEverySubscriptionsEstate() throws Exception {
    Map<String, String> env = local.freshDeployment();
    Components components = local.components(env);
    new FanOutFunction(components).run(timerInfo(), TestExecutionContext.of("fanOut"));
    QueueHost host = host(env);

    assertThat(host.drain(worker(components), DRAIN)).isTrue();

    assertThat(host.attempts()).hasSize(3).allMatch(QueueHost.Attempt::succeeded);
    for (AzureSubscription subscription : local.subscriptions()) {
      assertThat(LocalAzure.storedIds(env, LocalAzure.key(subscription)))
          .as("inventory of %s", subscription.subscriptionId())
          .isEqualTo(LocalAzure.expectedIds(subscription));
    }
  }

  @Test
  void worker_givenTheSameRequestsAgain_writesNothing() throws Exception {
    Map<String, String> env = local.freshDeployment();
    AtomicInteger batchWrites = new AtomicInteger();
    Components components = local.components(env, countBatchWrites(batchWrites));
    FanOutFunction fanOut = new FanOutFunction(components);
    fanOut.run(timerInfo(), TestExecutionContext.of("fanOut"));
    assertThat(host(env).drain(worker(components), DRAIN)).isTrue();
    int writesOnce = batchWrites.get();

    // The same tick again (the request ids are the minute's), and each message delivered twice.
    fanOut.run(timerInfo(), TestExecutionContext.of("fanOut"));
    fanOut.run(timerInfo(), TestExecutionContext.of("fanOut"));
    QueueHost replay = host(env);
    assertThat(replay.drain(worker(components), DRAIN)).isTrue();

    assertThat(writesOnce).isPositive();
    assertThat(replay.attempts()).hasSize(6).allMatch(QueueHost.Attempt::succeeded);
    assertThat(batchWrites.get()).isEqualTo(writesOnce);
  }

  @Test
  void worker_givenPoisonMessages_retriesThemMaxDequeueCountTimesThenMovesThemToPoison()
      throws Exception {
    Map<String, String> env = local.freshDeployment();
    Components components = local.components(env);
    QueueClient queue = LocalAzure.queue(env);
    AccountKey good = LocalAzure.key(local.subscriptions().getFirst());
    queue.sendMessage(SyncRequestCodec.toJson(request("manual-1", good)));
    queue.sendMessage("{\"schemaVersion\": 1, \"requestId\": ");
    queue.sendMessage(
        SyncRequestCodec.toJson(
            request("manual-1", AccountKey.parse("azure#99999999-9999-9999-9999-999999999999"))));
    HostJson hostJson = HostJson.read().withVisibilityTimeout(Duration.ofMillis(100));
    QueueHost host = new QueueHost(queue, LocalAzure.poisonQueue(env), hostJson);

    assertThat(host.drain(worker(components), DRAIN)).isTrue();

    assertThat(hostJson.maxDequeueCount()).isEqualTo(5);
    assertThat(host.poisoned()).isEqualTo(2);
    List<QueueHost.Attempt> failed = host.attempts().stream().filter(a -> !a.succeeded()).toList();
    assertThat(failed).hasSize(10);
    assertThat(failed).extracting(QueueHost.Attempt::dequeueCount).containsOnly(1L, 2L, 3L, 4L, 5L);
    List<String> poisoned = new ArrayList<>();
    LocalAzure.poisonQueue(env)
        .receiveMessages(32)
        .forEach(m -> poisoned.add(m.getBody().toString()));
    assertThat(poisoned)
        .hasSize(2)
        .anySatisfy(body -> assertThat(body).startsWith("{\"schemaVersion\": 1, \"requestId\": "))
        .anySatisfy(body -> assertThat(body).contains("99999999-9999-9999-9999-999999999999"));
    assertThat(LocalAzure.storedIds(env, good))
        .isEqualTo(LocalAzure.expectedIds(local.subscriptions().getFirst()));
  }

  static QueueHost.Function worker(Components components) {
    SyncWorkerFunction function = new SyncWorkerFunction(components);
    return (body, id, count) ->
        function.run(body, id, count, TestExecutionContext.of("syncWorker"));
  }

  private static QueueHost host(Map<String, String> env) {
    return new QueueHost(
        LocalAzure.queue(env),
        LocalAzure.poisonQueue(env),
        HostJson.read().withVisibilityTimeout(Duration.ofMillis(100)));
  }

  private static SyncRequest request(String id, AccountKey account) {
    return SyncRequest.of(id, account, Set.of(SyncKind.INVENTORY), "manual", Instant.now());
  }

  /** The timer binding's JSON, as the host passes it. */
  static String timerInfo() {
    return "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":"
        + "\"2026-11-23T16:50:00+00:00\",\"Next\":\"2026-11-23T17:00:00+00:00\","
        + "\"LastUpdated\":\"2026-11-23T16:50:00+00:00\"},\"IsPastDue\":false}";
  }

  private static ExecutionInterceptor countBatchWrites(AtomicInteger count) {
    return new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof BatchWriteItemRequest) {
          count.incrementAndGet();
        }
      }
    };
  }
}
