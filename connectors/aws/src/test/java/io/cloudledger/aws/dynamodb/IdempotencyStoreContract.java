package io.cloudledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.idempotency.Claim;
import io.cloudledger.core.idempotency.IdempotencyKey;
import io.cloudledger.core.idempotency.IdempotencyRecord;
import io.cloudledger.core.idempotency.IdempotencyStatus;
import io.cloudledger.core.idempotency.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} must do, run against the in-memory one and DynamoDB. */
abstract class IdempotencyStoreContract {
  static final IdempotencyKey KEY = new IdempotencyKey("req-1", "aws#111111111111");
  // Near real time: DynamoDB Local runs TTL deletion itself, by the wall clock.
  final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  IdempotencyStore store;

  abstract IdempotencyStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private Claim claim(IdempotencyKey key) {
    Instant now = clock.instant();
    return store.tryClaim(key, now, now.plusSeconds(600), now.plus(Duration.ofDays(1)));
  }

  @Test
  void tryClaim_onceAcquires_thenReturnsTheInProgressRecord() {
    assertThat(claim(KEY)).isInstanceOf(Claim.Acquired.class);

    Claim second = claim(KEY);

    assertThat(second).isInstanceOf(Claim.Existing.class);
    IdempotencyRecord record = ((Claim.Existing) second).record();
    assertThat(record.status()).isEqualTo(IdempotencyStatus.IN_PROGRESS);
    assertThat(record.inProgressUntil()).isEqualTo(clock.instant().plusSeconds(600));
  }

  @Test
  void tryClaim_concurrently_exactlyOneAcquires() throws Exception {
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Claim>> claims = new ArrayList<>();
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        Callable<Claim> attempt =
            () -> {
              start.await();
              return claim(KEY);
            };
        claims.add(executor.submit(attempt));
      }
      start.countDown();
      int acquired = 0;
      for (Future<Claim> claim : claims) {
        acquired += claim.get() instanceof Claim.Acquired ? 1 : 0;
      }
      assertThat(acquired).isEqualTo(1);
    }
  }

  @Test
  void tryClaim_afterTheClaimLapsed_acquiresAgain() {
    claim(KEY);
    clock.advance(Duration.ofSeconds(600));

    assertThat(claim(KEY)).isInstanceOf(Claim.Acquired.class);
  }

  @Test
  void complete_storesTheResultThatLaterClaimsReturn() {
    claim(KEY);
    store.complete(KEY, "{\"writes\":3}", clock.instant().plus(Duration.ofDays(1)));
    clock.advance(Duration.ofHours(2)); // long after the claim would have lapsed

    Claim later = claim(KEY);

    assertThat(later).isInstanceOf(Claim.Existing.class);
    IdempotencyRecord record = ((Claim.Existing) later).record();
    assertThat(record.status()).isEqualTo(IdempotencyStatus.COMPLETED);
    assertThat(record.result()).isEqualTo("{\"writes\":3}");
  }

  @Test
  void release_letsTheNextDeliveryClaim_butNeverRemovesACompletedRecord() {
    claim(KEY);
    store.release(KEY);
    assertThat(store.find(KEY)).isEmpty();
    assertThat(claim(KEY)).isInstanceOf(Claim.Acquired.class);

    store.complete(KEY, "done", clock.instant().plus(Duration.ofDays(1)));
    store.release(KEY);

    assertThat(store.find(KEY).orElseThrow().status()).isEqualTo(IdempotencyStatus.COMPLETED);
  }

  @Test
  void records_pastTheirTtl_areAbsentAndClaimable() {
    claim(KEY);
    store.complete(KEY, "done", clock.instant().plusSeconds(3600));
    clock.advance(Duration.ofSeconds(3600));

    assertThat(store.find(KEY)).isEmpty();
    assertThat(claim(KEY)).isInstanceOf(Claim.Acquired.class);
  }

  @Test
  void findGroup_returnsTheRequestsRecordsInIdOrder() {
    IdempotencyKey other = new IdempotencyKey("req-1", "aws#000000000000");
    claim(KEY);
    claim(other);
    claim(new IdempotencyKey("req-2", "aws#000000000000"));

    assertThat(store.findGroup("req-1"))
        .extracting(IdempotencyRecord::key)
        .containsExactly(other, KEY);
  }
}
