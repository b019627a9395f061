package io.cloudledger.core.inventory;

import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * The last listing of one scope of an account, saved once per scope per run. Unchanged resources
 * are not rewritten, so their "last seen" comes from here: a live resource was seen by every
 * complete listing of a scope covering it (otherwise it would have been tombstoned).
 *
 * @param lastListedAt when the scope was last attempted, whatever the outcome
 * @param status how that attempt ended
 * @param reason why it was not complete; empty when it was
 * @param itemCount resources that attempt returned
 * @param lastCompleteAt when the scope last listed completely, or null if it never did
 */
public record ScopeStatus(
    Scope scope,
    Instant lastListedAt,
    ListingStatus status,
    String reason,
    long itemCount,
    Instant lastCompleteAt) {

  public ScopeStatus {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(lastListedAt, "lastListedAt");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
    if (itemCount < 0) {
      throw new IllegalArgumentException("itemCount must not be negative: " + itemCount);
    }
    if (status == ListingStatus.COMPLETE && !lastListedAt.equals(lastCompleteAt)) {
      throw new IllegalArgumentException(
          "a complete listing of " + scope + " must set lastCompleteAt to lastListedAt");
    }
  }

  /**
   * When {@code resource} was last seen: its stored {@code lastSeen}, or, while it is live, the
   * latest complete listing of a scope covering it if that is later.
   */
  public static Instant lastSeen(Resource resource, Collection<ScopeStatus> scopes) {
    Instant lastSeen = resource.lastSeen();
    if (resource.deleted()) {
      return lastSeen;
    }
    for (ScopeStatus status : scopes) {
      if (status.lastCompleteAt != null
          && status.scope.covers(resource.region(), resource.type())
          && status.lastCompleteAt.isAfter(lastSeen)) {
        lastSeen = status.lastCompleteAt;
      }
    }
    return lastSeen;
  }
}
