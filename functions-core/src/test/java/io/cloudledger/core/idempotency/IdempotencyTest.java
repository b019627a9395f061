package io.cloudledger.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.inventory.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
  private static final IdempotencyKey KEY = new IdempotencyKey("req-1", "aws#111111111111");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(clock);
  private final Idempotency idempotency =
      new Idempotency(
          store, clock, new IdempotencySettings(Duration.ofMinutes(18), Duration.ofDays(7)));
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void run_whenCompletedBefore_returnsStoredResultWithoutRunningAgain() {
    Idempotency.Outcome first = idempotency.run(KEY, () -> "result-" + runs.incrementAndGet());
    Idempotency.Outcome second = idempotency.run(KEY, () -> "result-" + runs.incrementAndGet());

    assertThat(first).isEqualTo(new Idempotency.Outcome("result-1", false));
    assertThat(second).isEqualTo(new Idempotency.Outcome("result-1", true));
    assertThat(runs).hasValue(1);
    assertThat(store.find(KEY).orElseThrow().status()).isEqualTo(IdempotencyStatus.COMPLETED);
  }

  @Test
  void run_whileAnotherDeliveryRuns_failsRetryableWithoutRunning() {
    store.tryClaim(
        KEY, clock.instant(), clock.instant().plusSeconds(600), clock.instant().plusSeconds(3600));

    assertThatThrownBy(() -> idempotency.run(KEY, () -> "x" + runs.incrementAndGet()))
        .isInstanceOf(RequestInProgressException.class)
        .isInstanceOf(RetryableException.class)
        .satisfies(
            e ->
                assertThat(((RetryableException) e).retryAfter())
                    .contains(Duration.ofSeconds(600)));
    assertThat(runs).hasValue(0);
  }

  @Test
  void run_afterACrashedClaimLapsed_runsAgain() {
    store.tryClaim(
        KEY, clock.instant(), clock.instant().plusSeconds(600), clock.instant().plusSeconds(3600));
    clock.advance(Duration.ofSeconds(601));

    Idempotency.Outcome outcome = idempotency.run(KEY, () -> "ran-" + runs.incrementAndGet());

    assertThat(outcome).isEqualTo(new Idempotency.Outcome("ran-1", false));
  }

  @Test
  void run_whenWorkFails_releasesTheClaimSoTheRetryRuns() {
    assertThatThrownBy(
            () ->
                idempotency.run(
                    KEY,
                    () -> {
                      runs.incrementAndGet();
                      throw new RetryableException("throttled", "slow down");
                    }))
        .isInstanceOf(RetryableException.class);
    assertThat(store.find(KEY)).isEmpty();

    assertThat(idempotency.run(KEY, () -> "second-" + runs.incrementAndGet()).result())
        .isEqualTo("second-2");
  }

  @Test
  void find_afterTtl_forgetsTheRecordAndTheWorkMayRunAgain() {
    idempotency.run(KEY, () -> "old");
    clock.advance(Duration.ofDays(7).plusSeconds(1));

    assertThat(store.find(KEY)).isEmpty();
    assertThat(idempotency.run(KEY, () -> "new").replayed()).isFalse();
  }

  @Test
  void settings_forWorkerTimeout_claimOutlivesTheWorker() {
    IdempotencySettings settings = IdempotencySettings.forWorkerTimeout(Duration.ofMinutes(15));

    assertThat(settings.inProgressTimeout()).isGreaterThan(Duration.ofMinutes(15));
    assertThatThrownBy(() -> new IdempotencySettings(Duration.ofHours(2), Duration.ofHours(1)))
        .hasMessageContaining("retention");
  }

  @Test
  void findGroup_returnsTheGroupsRecordsById() {
    IdempotencyKey other = new IdempotencyKey("req-1", "aws#000000000000");
    idempotency.run(KEY, () -> "a");
    idempotency.run(other, () -> "b");
    idempotency.run(new IdempotencyKey("req-2", "aws#000000000000"), () -> "c");

    assertThat(store.findGroup("req-1"))
        .extracting(IdempotencyRecord::key)
        .containsExactly(other, KEY);
  }
}
