package io.cloudledger.core.dispatch;

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
    return new AccountSyncStatus(account, "QUEUED", 0, 0, "");
  }

  /** A request with its accounts' status. */
  public record RequestStatus(AcceptedRequest request, List<AccountSyncStatus> accounts) {
    public RequestStatus {
      accounts = List.copyOf(accounts);
    }
  }
}
