package io.cloudledger.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The freshness of every account at {@code at}, against the allowed age {@code maxAge}. */
public record FreshnessReport(Instant at, Duration maxAge, List<AccountFreshness> accounts) {

  public FreshnessReport {
    accounts = List.copyOf(accounts);
  }

  /** The accounts not completely synced within {@code maxAge}. */
  public List<AccountFreshness> overdue() {
    return accounts.stream().filter(a -> a.overdue(at, maxAge)).toList();
  }

  /** Seconds since the oldest complete sync of any active account (0 when there is none). */
  public long oldestSyncAgeSeconds() {
    return accounts.stream()
        .filter(a -> !a.stale() && a.lastCompleteSync() != null)
        .map(AccountFreshness::lastCompleteSync)
        .min(Instant::compareTo)
        .map(oldest -> Duration.between(oldest, at).toSeconds())
        .orElse(0L);
  }
}
