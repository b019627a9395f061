package io.cloudledger.core.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.idempotency.IdempotencyKey;
import io.cloudledger.core.idempotency.IdempotencyRecord;
import io.cloudledger.core.idempotency.IdempotencyStatus;
import io.cloudledger.core.idempotency.IdempotencyStore;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncRunStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The status of a request per account, for {@code GET /sync/{requestId}}: the accepted request's
 * accounts, each running while its idempotency claim holds, else as its last recorded run, else
 * queued.
 */
public final class SyncStatusQuery {
  private final SyncRequestLog log;
  private final SyncRunStore runs;
  private final IdempotencyStore idempotency;
  private final Clock clock;
  private static final ObjectMapper JSON = new ObjectMapper();

  public SyncStatusQuery(
      SyncRequestLog log, SyncRunStore runs, IdempotencyStore idempotency, Clock clock) {
    this.log = Objects.requireNonNull(log, "log");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The request and its accounts' status; empty for an unknown (or expired) request id. */
  public Optional<RequestStatus> status(String requestId) {
    Optional<AcceptedRequest> accepted = log.find(requestId);
    if (accepted.isEmpty()) {
      return Optional.empty();
    }
    List<AccountSyncStatus> accounts = new ArrayList<>();
    for (AccountKey account : accepted.get().accounts()) {
      accounts.add(status(requestId, account));
    }
    return Optional.of(new RequestStatus(accepted.get(), accounts));
  }

  private AccountSyncStatus status(String requestId, AccountKey account) {
    Optional<IdempotencyRecord> claim =
        idempotency.find(new IdempotencyKey(requestId, account.value()));
    if (claim.isPresent()
        && claim.get().status() == IdempotencyStatus.IN_PROGRESS
        && claim.get().blocks(clock.instant())) {
      return new AccountSyncStatus(account, "RUNNING", 0, 0, "");
    }
    Optional<SyncRun> run = runs.find(requestId, account);
    if (run.isPresent()) {
      SyncRun r = run.get();
      return new AccountSyncStatus(
          account, r.status().name(), r.counts().seen(), r.counts().writes(), r.error());
    }
    if (claim.isPresent() && claim.get().status() == IdempotencyStatus.COMPLETED) {
      // Kinds that record no sync run (cost): the worker's stored result says what happened.
      return completed(account, claim.get().result());
    }
    return new AccountSyncStatus(account, "QUEUED", 0, 0, "");
  }

  /**
   * The status of completed work from the worker's stored result ({@code {"kinds": {"cost":
   * {"status", "seen", "writes"}}}}): the kinds' common status (else {@code SUCCEEDED}) and their
   * summed counts.
   */
  private static AccountSyncStatus completed(AccountKey account, String result) {
    try {
      JsonNode kinds = JSON.readTree(result).path("kinds");
      Set<String> statuses = new TreeSet<>();
      long seen = 0;
      long writes = 0;
      for (JsonNode kind : kinds) {
        statuses.add(kind.path("status").asText("SUCCEEDED"));
        seen += kind.path("seen").asLong();
        writes += kind.path("writes").asLong();
      }
      String status = statuses.size() == 1 ? statuses.iterator().next() : "SUCCEEDED";
      return new AccountSyncStatus(account, status, seen, writes, "");
    } catch (JsonProcessingException e) {
      return new AccountSyncStatus(account, "SUCCEEDED", 0, 0, "");
    }
  }

  /** A request with its accounts' status. */
  public record RequestStatus(AcceptedRequest request, List<AccountSyncStatus> accounts) {
    public RequestStatus {
      accounts = List.copyOf(accounts);
    }
  }
}
