package io.cloudledger.core.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudledger.core.idempotency.IdempotencyKey;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One account's share of a sync request, as it travels through the queue (versioned JSON, see
 * {@link SyncRequestCodec}). A request id names the whole fan-out (every account of one schedule
 * tick or one HTTP call); the pair (request id, account) is processed at most once.
 */
public record SyncRequest(
    int schemaVersion,
    String requestId,
    AccountKey accountKey,
    Set<SyncKind> kinds,
    String trigger,
    Instant requestedAt,
    // Left out of the JSON for the whole account, so such messages read as they always did.
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = WorkUnit.WholeFilter.class)
        WorkUnit unit) {

  /** The message format this version writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  public SyncRequest {
    Objects.requireNonNull(requestId, "requestId");
    if (requestId.isBlank() || requestId.length() > 128) {
      throw new IllegalArgumentException("a request id needs 1-128 characters");
    }
    Objects.requireNonNull(accountKey, "accountKey");
    Objects.requireNonNull(kinds, "kinds");
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("a sync request of " + accountKey + " needs a kind");
    }
    kinds = Set.copyOf(EnumSet.copyOf(kinds));
    Objects.requireNonNull(trigger, "trigger");
    if (trigger.isBlank()) {
      throw new IllegalArgumentException("a sync request needs a trigger");
    }
    Objects.requireNonNull(requestedAt, "requestedAt");
    // Messages written before work units existed carry none: the whole account.
    unit = unit == null ? WorkUnit.WHOLE : unit;
  }

  /** The whole account's request. */
  public SyncRequest(
      int schemaVersion,
      String requestId,
      AccountKey accountKey,
      Set<SyncKind> kinds,
      String trigger,
      Instant requestedAt) {
    this(schemaVersion, requestId, accountKey, kinds, trigger, requestedAt, WorkUnit.WHOLE);
  }

  /** The next part of this request: {@code kind} only, for the scopes this part did not reach. */
  public SyncRequest continuation(SyncKind kind, Set<Scope> remaining) {
    return new SyncRequest(
        schemaVersion,
        requestId,
        accountKey,
        Set.of(kind),
        trigger,
        requestedAt,
        unit.next(remaining));
  }

  public static SyncRequest of(
      String requestId,
      AccountKey account,
      Set<SyncKind> kinds,
      String trigger,
      Instant requestedAt) {
    return new SyncRequest(SCHEMA_VERSION, requestId, account, kinds, trigger, requestedAt);
  }

  /**
   * The key under which this account's work is done at most once: per part, so a continuation is a
   * new piece of work while a duplicate delivery of any part is recognized. Continuations use their
   * own group, so the request's own group still holds exactly one item per account.
   */
  public IdempotencyKey idempotencyKey() {
    String group = unit.first() ? requestId : requestId + "#part" + unit.part();
    return new IdempotencyKey(group, accountKey.value());
  }
}
