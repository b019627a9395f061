package io.cloudledger.azure.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

@ExtendWith(Azurite.class)
class AzureStorageQueueDispatcherTest {

  @Test
  void dispatch_sendsEachRequestAsOneBase64Message() {
    String name = Azurite.freshQueueName("sync");
    QueueClient queue = Azurite.createQueue(name);
    List<SyncRequest> requests = requests(40);
    var dispatcher = AzureStorageQueueDispatcher.create(queue);

    dispatcher.dispatch(requests);

    assertThat(dispatcher.sends()).isEqualTo(40);
    // Read raw, as the Functions host does: each body is the base64 of the request's JSON.
    List<String> raw = drain(rawClient(name));
    assertThat(raw).hasSize(40);
    List<SyncRequest> received =
        raw.stream()
            .map(body -> new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8))
            .map(SyncRequestCodec::fromJson)
            .toList();
    assertThat(received).containsExactlyInAnyOrderElementsOf(requests);
  }

  @Test
  void dispatch_keepsAtMostParallelismSendsInFlight() {
    String name = Azurite.freshQueueName("bounded");
    Azurite.createQueue(name);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    HttpPipelinePolicy slowCounting =
        new HttpPipelinePolicy() {
          @Override
          public Mono<HttpResponse> process(
              HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            // The synchronous QueueClient only takes processSync; the async path just counts.
            return Mono.defer(
                () -> {
                  highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  return next.process().doFinally(signal -> inFlight.decrementAndGet());
                });
          }

          @Override
          public HttpResponse processSync(
              HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
              Thread.sleep(20);
              return next.processSync();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            } finally {
              inFlight.decrementAndGet();
            }
          }
        };
    QueueClient queue =
        new QueueClientBuilder()
            .connectionString(Azurite.connectionString())
            .queueName(name)
            .messageEncoding(QueueMessageEncoding.BASE64)
            .addPolicy(slowCounting)
            .buildClient();

    new AzureStorageQueueDispatcher(queue, 4).dispatch(requests(30));

    assertThat(highest.get()).isBetween(2, 4);
    assertThat(drain(rawClient(name))).hasSize(30);
  }

  @Test
  void dispatch_whenQueueDoesNotExist_failsPermanentlyNamingTheQueue() {
    QueueClient missing = StorageQueues.client(Azurite.connectionString(), "no-such-queue");

    assertThatThrownBy(() -> AzureStorageQueueDispatcher.create(missing).dispatch(requests(3)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("3 of 3 sync requests could not be sent to queue no-such-queue")
        .hasMessageContaining("not-found")
        .hasMessageContaining("QueueNotFound");
  }

  @Test
  void dispatch_whenStorageIsUnreachable_failsRetryablyAfterTheSdksRetries() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    QueueClient unreachable =
        new QueueClientBuilder()
            .connectionString(
                Azurite.connectionString()
                    .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + closedPort))
            .queueName("sync")
            .messageEncoding(QueueMessageEncoding.BASE64)
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.FIXED,
                    2,
                    Duration.ofSeconds(5),
                    Duration.ofMillis(10),
                    Duration.ofMillis(10),
                    null))
            .buildClient();

    assertThatThrownBy(() -> AzureStorageQueueDispatcher.create(unreachable).dispatch(requests(2)))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("2 of 2 sync requests could not be sent to queue sync")
        .hasMessageContaining("unreachable");
  }

  @Test
  void dispatch_ofNothing_sendsNothing() {
    QueueClient queue = Azurite.createQueue(Azurite.freshQueueName("empty"));
    var dispatcher = AzureStorageQueueDispatcher.create(queue);

    dispatcher.dispatch(List.of());

    assertThat(dispatcher.sends()).isZero();
    assertThat(queue.getProperties().getApproximateMessagesCount()).isZero();
  }

  private static List<SyncRequest> requests(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                SyncRequest.of(
                    "req-1",
                    AccountKey.of(Provider.AZURE, "00000000-0000-0000-0000-%012d".formatted(i)),
                    Set.of(SyncKind.INVENTORY),
                    "manual",
                    Instant.parse("2026-11-23T17:00:00Z")))
        .toList();
  }

  private static QueueClient rawClient(String name) {
    return new QueueClientBuilder()
        .connectionString(Azurite.connectionString())
        .queueName(name)
        .messageEncoding(QueueMessageEncoding.NONE)
        .buildClient();
  }

  private static List<String> drain(QueueClient queue) {
    List<String> bodies = new ArrayList<>();
    while (true) {
      List<QueueMessageItem> batch = new ArrayList<>();
      queue.receiveMessages(32).forEach(batch::add);
      if (batch.isEmpty()) {
        return bodies;
      }
      for (QueueMessageItem item : batch) {
        bodies.add(item.getBody().toString());
        queue.deleteMessage(item.getMessageId(), item.getPopReceipt());
      }
    }
  }
}
