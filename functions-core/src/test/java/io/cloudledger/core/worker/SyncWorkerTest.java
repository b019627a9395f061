package io.cloudledger.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.idempotency.RequestInProgressException;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.model.AccountKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncWorkerTest {
  private static final SyncRequest REQUEST =
      SyncRequest.of(
          "req-1",
          AccountKey.parse("aws#111111111111"),
          Set.of(SyncKind.INVENTORY),
          "schedule",
          Instant.EPOCH);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(clock);
  private final Idempotency idempotency =
      new Idempotency(store, clock, IdempotencySettings.forWorkerTimeout(Duration.ofMinutes(15)));
  private final AtomicInteger syncs = new AtomicInteger();

  private SyncWorker worker(KindSync inventory) {
    return new SyncWorker(idempotency, Map.of(SyncKind.INVENTORY, inventory));
  }

  @Test
  void process_duplicateDelivery_returnsTheFirstResultWithoutSyncing() {
    SyncWorker worker = worker(r -> new KindResult("SUCCEEDED", 10, syncs.incrementAndGet()));

    WorkResult first = worker.process(REQUEST);
    WorkResult second = worker.process(REQUEST);

    assertThat(syncs).hasValue(1);
    assertThat(first.replayed()).isFalse();
    assertThat(second.replayed()).isTrue();
    assertThat(second.kinds()).isEqualTo(first.kinds());
    assertThat(second.kinds().get(SyncKind.INVENTORY))
        .isEqualTo(new KindResult("SUCCEEDED", 10, 1));
  }

  @Test
  void process_whileTheSameRequestRuns_isRetriedNotRunConcurrently() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SyncWorker worker =
        worker(
            r -> {
              syncs.incrementAndGet();
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new KindResult("SUCCEEDED", 1, 1);
            });
    Thread first = Thread.ofVirtual().start(() -> worker.process(REQUEST));
    started.await();

    assertThatThrownBy(() -> worker.process(REQUEST))
        .isInstanceOf(RequestInProgressException.class);
    release.countDown();
    first.join();
    assertThat(syncs).hasValue(1);
    assertThat(worker.process(REQUEST).replayed()).isTrue();
  }

  @Test
  void process_afterARetryableFailure_runsAgainOnRedelivery() {
    SyncWorker worker =
        worker(
            r -> {
              if (syncs.incrementAndGet() == 1) {
                throw new RetryableException("throttled", "slow down");
              }
              return new KindResult("SUCCEEDED", 3, 3);
            });

    assertThatThrownBy(() -> worker.process(REQUEST)).isInstanceOf(RetryableException.class);
    WorkResult retried = worker.process(REQUEST);

    assertThat(syncs).hasValue(2);
    assertThat(retried.replayed()).isFalse();
  }

  @Test
  void process_kindNotDeployed_isPermanentAndClaimsNothing() {
    SyncWorker worker = new SyncWorker(idempotency, Map.of());

    assertThatThrownBy(() -> worker.process(REQUEST))
        .isInstanceOf(UnsupportedKindException.class)
        .hasMessageContaining("inventory");
    assertThat(store.find(REQUEST.idempotencyKey())).isEmpty();
  }
}
