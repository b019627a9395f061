package io.cloudledger.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.model.AccountKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FanOutTest {
  static final AccountKey A = AccountKey.parse("aws#111111111111");
  static final AccountKey B = AccountKey.parse("aws#222222222222");
  private final InMemoryDispatcher dispatcher = new InMemoryDispatcher();
  private final InMemorySyncRequestLog log = new InMemorySyncRequestLog();
  private final FanOut fanOut = new FanOut(new FixedDirectory(List.of(B, A)), dispatcher, log);

  @Test
  void scheduled_sendsOneRequestPerAccount() {
    Instant tick = Instant.parse("2026-11-23T17:00:00Z");

    fanOut.scheduled(tick, Set.of(SyncKind.INVENTORY));

    assertThat(dispatcher.drain())
        .containsExactly(
            SyncRequest.of(
                "schedule-inventory-2026-11-23T17:00:00Z",
                A,
                Set.of(SyncKind.INVENTORY),
                "schedule",
                tick),
            SyncRequest.of(
                "schedule-inventory-2026-11-23T17:00:00Z",
                B,
                Set.of(SyncKind.INVENTORY),
                "schedule",
                tick));
  }

  @Test
  void scheduled_sameTickTwice_producesTheSameRequests() {
    fanOut.scheduled(Instant.parse("2026-11-23T17:00:00Z"), Set.of(SyncKind.INVENTORY));
    List<SyncRequest> first = dispatcher.drain();
    // A redelivered event may carry the same tick; seconds do not make a new tick.
    fanOut.scheduled(Instant.parse("2026-11-23T17:00:07Z"), Set.of(SyncKind.INVENTORY));
    List<SyncRequest> second = dispatcher.drain();

    assertThat(second).isEqualTo(first);
    assertThat(second).extracting(SyncRequest::idempotencyKey).doesNotHaveDuplicates();
  }

  @Test
  void scheduled_nextTick_producesNewWork() {
    fanOut.scheduled(Instant.parse("2026-11-23T17:00:00Z"), Set.of(SyncKind.INVENTORY));
    fanOut.scheduled(Instant.parse("2026-11-23T18:00:00Z"), Set.of(SyncKind.INVENTORY));

    assertThat(dispatcher.drain())
        .extracting(SyncRequest::idempotencyKey)
        .hasSize(4)
        .doesNotHaveDuplicates();
  }

  @Test
  void requested_recordsTheAcceptedAccountsBeforeDispatching() {
    AcceptedRequest accepted =
        fanOut.requested("req-9", List.of(B), Set.of(SyncKind.INVENTORY), "manual", Instant.EPOCH);

    assertThat(log.find("req-9")).contains(accepted);
    assertThat(accepted.accounts()).containsExactly(B);
    assertThat(dispatcher.drain()).extracting(SyncRequest::accountKey).containsExactly(B);
  }

  @Test
  void requested_withUnknownAccount_sendsNothing() {
    AccountKey unknown = AccountKey.parse("aws#999999999999");

    assertThatThrownBy(
            () ->
                fanOut.requested(
                    "req-1",
                    List.of(A, unknown),
                    Set.of(SyncKind.INVENTORY),
                    "manual",
                    Instant.EPOCH))
        .isInstanceOf(UnknownAccountsException.class)
        .hasMessageContaining("aws#999999999999");
    assertThat(dispatcher.size()).isZero();
    assertThat(log.find("req-1")).isEmpty();
  }
}
