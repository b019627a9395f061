package io.cloudledger.azurefn;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.azure.queue.Azurite;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.worker.KindResult;
import io.cloudledger.core.worker.SyncWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A retryable failure in the worker: the function throws, the host (emulated against Azurite) makes
 * the message visible again after the visibility timeout, and the next delivery succeeds; nothing
 * reaches the poison queue.
 */
@ExtendWith(Azurite.class)
class QueueRetryTest {

  @Test
  void worker_whenASyncFailsRetryablyOnce_succeedsOnTheSecondDequeueWithoutPoison()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    SyncWorker worker =
        new SyncWorker(
            new Idempotency(
                new InMemoryIdempotencyStore(Clock.systemUTC()),
                Clock.systemUTC(),
                IdempotencySettings.forWorkerTimeout(Duration.ofSeconds(60))),
            Map.of(
                SyncKind.INVENTORY,
                request -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new RetryableException("throttled", "ARM answered 429");
                  }
                  return new KindResult("SUCCEEDED", 1, 1);
                }));
    QueueMessageProcessor processor = new QueueMessageProcessor(worker);
    String name = Azurite.freshQueueName("retry");
    var queue = Azurite.createQueue(name);
    var poison = Azurite.createQueue(name + "-poison");
    queue.sendMessage(
        SyncRequestCodec.toJson(
            SyncRequest.of(
                "req-retry",
                AccountKey.parse("azure#00000000-0000-0000-0000-000000000001"),
                Set.of(SyncKind.INVENTORY),
                "manual",
                Instant.now())));
    QueueHost host =
        new QueueHost(queue, poison, HostJson.read().withVisibilityTimeout(Duration.ofMillis(300)));

    assertThat(host.drain(processor::process, Duration.ofSeconds(30))).isTrue();

    assertThat(host.attempts())
        .extracting(QueueHost.Attempt::dequeueCount, QueueHost.Attempt::succeeded)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, false),
            org.assertj.core.groups.Tuple.tuple(2L, true));
    assertThat(host.poisoned()).isZero();
    assertThat(calls.get()).isEqualTo(2);
  }
}
