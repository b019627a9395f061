package io.cloudledger.core.sync;

import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The record of one account's sync, kept for {@code GET /sync/{requestId}}.
 *
 * @param failedScopes scopes whose listing failed or was partial, with their reasons
 * @param apiCalls API calls the source reported (0 when it does not count them)
 * @param error why a {@code FAILED} run stopped (error code and message, never a secret); empty
 *     otherwise
 */
public record SyncRun(
    String requestId,
    AccountKey account,
    String trigger,
    Set<ResourceType> types,
    Instant startedAt,
    Instant finishedAt,
    SyncStatus status,
    SyncCounts counts,
    List<ScopeOutcome> failedScopes,
    long apiCalls,
    String error) {

  public SyncRun {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(trigger, "trigger");
    types = Set.copyOf(types);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    failedScopes = List.copyOf(failedScopes);
    error = error == null ? "" : error;
  }
}
