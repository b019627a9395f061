package io.cloudledger.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncCounts;
import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncApiTest {
  private static final AccountKey A = FanOutTest.A;
  private static final AccountKey B = FanOutTest.B;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final InMemoryDispatcher dispatcher = new InMemoryDispatcher();
  private final InMemorySyncRequestLog log = new InMemorySyncRequestLog();
  private final InMemorySyncRunStore runs = new InMemorySyncRunStore();
  private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(clock);
  private final AtomicInteger ids = new AtomicInteger();
  private final SyncApi api =
      new SyncApi(
          new FanOut(new FixedDirectory(List.of(A, B)), dispatcher, log),
          new SyncStatusQuery(log, runs, idempotency, clock),
          clock,
          () -> "req-" + ids.incrementAndGet());

  @Test
  void post_withoutBody_syncsEveryAccountAndAnswers202WithTheRequestId() throws Exception {
    ApiResponse response = api.handle("POST", "/sync", null);

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).get("requestId").asText()).isEqualTo("req-1");
    assertThat(dispatcher.drain())
        .extracting(SyncRequest::accountKey, SyncRequest::trigger)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(A, "manual"),
            org.assertj.core.groups.Tuple.tuple(B, "manual"));
  }

  @Test
  void post_withAccountsAndKinds_syncsOnlyThose() throws Exception {
    ApiResponse response =
        api.handle(
            "POST", "/sync", "{\"accounts\":[\"aws#222222222222\"],\"kinds\":[\"inventory\"]}");

    assertThat(response.status()).isEqualTo(202);
    assertThat(dispatcher.drain()).extracting(SyncRequest::accountKey).containsExactly(B);
  }

  @Test
  void post_withBadBodies_answers400WithAJsonError() throws Exception {
    for (String body :
        List.of(
            "{nope",
            "[1]",
            "{\"accounts\":\"aws#111111111111\"}",
            "{\"accounts\":[\"aws#1\"]}",
            "{\"kinds\":[\"weather\"]}",
            "{\"acounts\":[]}")) {
      ApiResponse response = api.handle("POST", "/sync", body);
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(json(response).get("error").asText()).as(body).isEqualTo("bad-request");
    }
    assertThat(dispatcher.size()).isZero();
  }

  @Test
  void post_withUnknownAccount_answers400NamingIt() throws Exception {
    ApiResponse response = api.handle("POST", "/sync", "{\"accounts\":[\"aws#999999999999\"]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("unknown-account");
    assertThat(json(response).get("message").asText()).contains("aws#999999999999");
  }

  @Test
  void getAccounts_whenWired_answersFreshness_otherwise404() throws Exception {
    var store = io.cloudledger.core.inventory.InMemoryInventoryStore.create();
    SyncApi withAccounts =
        new SyncApi(
            new FanOut(new FixedDirectory(List.of(A)), dispatcher, log),
            new SyncStatusQuery(log, runs, idempotency, clock),
            clock,
            () -> "req-x",
            new AccountsStatus(
                new FixedDirectory(List.of(A)),
                new io.cloudledger.core.health.FreshnessQuery(
                    store, clock, java.time.Duration.ofMinutes(30))));

    ApiResponse response = withAccounts.handle("GET", "/accounts", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response).get("accounts").get(0).get("accountKey").asText())
        .isEqualTo(A.value());
    assertThat(json(response).get("accounts").get(0).get("overdue").asBoolean()).isTrue();
    assertThat(withAccounts.handle("POST", "/accounts", "").status()).isEqualTo(405);
    assertThat(api.handle("GET", "/accounts", null).status()).isEqualTo(404);
  }

  @Test
  void post_whenTheQueueFails_answers503() {
    SyncApi failing =
        new SyncApi(
            new FanOut(
                new FixedDirectory(List.of(A)),
                requests -> {
                  throw new RetryableException("throttled", "queue said no");
                },
                log),
            new SyncStatusQuery(log, runs, idempotency, clock),
            clock,
            () -> "req-x");

    assertThat(failing.handle("POST", "/sync", "").status()).isEqualTo(503);
  }

  @Test
  void get_reportsEachAccountQueuedRunningOrFinished() throws Exception {
    api.handle("POST", "/sync", "");
    idempotency.tryClaim(
        new io.cloudledger.core.idempotency.IdempotencyKey("req-1", A.value()),
        clock.instant(),
        clock.instant().plusSeconds(60),
        clock.instant().plusSeconds(600));
    runs.save(
        new SyncRun(
            "req-1",
            B,
            "manual",
            Set.of(),
            clock.instant(),
            clock.instant(),
            SyncStatus.SUCCEEDED,
            new SyncCounts(5, 5, 0, 0, 0, 0),
            List.of(),
            3,
            ""));

    ApiResponse response = api.handle("GET", "/sync/req-1", null);

    assertThat(response.status()).isEqualTo(200);
    JsonNode accounts = json(response).get("accounts");
    assertThat(accounts.get(0).get("accountKey").asText()).isEqualTo(A.value());
    assertThat(accounts.get(0).get("status").asText()).isEqualTo("RUNNING");
    assertThat(accounts.get(1).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(accounts.get(1).get("writes").asLong()).isEqualTo(5);

    api.handle("POST", "/sync", "{\"accounts\":[\"aws#111111111111\"]}");
    assertThat(
            json(api.handle("GET", "/sync/req-2", null))
                .get("accounts")
                .get(0)
                .get("status")
                .asText())
        .isEqualTo("QUEUED");
  }

  @Test
  void unknownIdsPathsAndMethods_answer404And405() {
    assertThat(api.handle("GET", "/sync/nope", null).status()).isEqualTo(404);
    assertThat(api.handle("GET", "/other", null).status()).isEqualTo(404);
    assertThat(api.handle("DELETE", "/sync/req-1", null).status()).isEqualTo(405);
    assertThat(api.handle("GET", "/sync", null).status()).isEqualTo(405);
    assertThat(api.handle("PUT", "/sync", "{}").status()).isEqualTo(405);
  }

  private static JsonNode json(ApiResponse response) throws Exception {
    return new ObjectMapper().readTree(response.body());
  }
}
