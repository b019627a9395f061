package io.cloudledger.core.health;

import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How current one account's stored inventory is, from its scope records.
 *
 * @param lastCompleteSync the oldest of its scopes' last complete listings: every scope was
 *     complete at least once since then; null when a scope never completed (or none exists)
 * @param newestCompleteSync the latest complete listing of any scope; null when none
 * @param scopes how many scope records the account has
 * @param stale whether the account is suspended or closed and its inventory kept as last seen
 */
public record AccountFreshness(
    AccountKey account,
    Instant lastCompleteSync,
    Instant newestCompleteSync,
    int scopes,
    boolean stale) {

  public AccountFreshness {
    Objects.requireNonNull(account, "account");
  }

  /** The freshness of {@code account} given its scope records. */
  public static AccountFreshness of(AccountKey account, List<ScopeStatus> scopes) {
    Instant oldest = null;
    Instant newest = null;
    boolean never = scopes.isEmpty();
    for (ScopeStatus scope : scopes) {
      Instant complete = scope.lastCompleteAt();
      if (complete == null) {
        never = true;
        continue;
      }
      oldest = oldest == null || complete.isBefore(oldest) ? complete : oldest;
      newest = newest == null || complete.isAfter(newest) ? complete : newest;
    }
    boolean stale = scopes.stream().anyMatch(s -> s.status() == ListingStatus.STALE);
    return new AccountFreshness(account, never ? null : oldest, newest, scopes.size(), stale);
  }

  /** {@link #lastCompleteSync()} when there is one. */
  public Optional<Instant> lastComplete() {
    return Optional.ofNullable(lastCompleteSync);
  }

  /**
   * Whether the account was not completely synced within {@code maxAge} before {@code now} (never
   * synced counts as overdue). A stale account is not overdue: it is skipped on purpose.
   */
  public boolean overdue(Instant now, Duration maxAge) {
    if (stale) {
      return false;
    }
    return lastCompleteSync == null || lastCompleteSync.isBefore(now.minus(maxAge));
  }
}
