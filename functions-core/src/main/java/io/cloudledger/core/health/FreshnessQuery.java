package io.cloudledger.core.health;

import io.cloudledger.core.discovery.AccountRoster;
import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.model.AccountKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads how current each account's inventory is from its scope records (one small read per
 * account), for {@code GET /accounts}, {@code inventory list} and the fan-out's alarm metric.
 */
public final class FreshnessQuery {
  private final InventoryStore store;
  private final Clock clock;
  private final Duration maxAge;

  /**
   * @param maxAge how old a complete sync may be before the account counts as not synced (a few
   *     schedule intervals)
   */
  public FreshnessQuery(InventoryStore store, Clock clock, Duration maxAge) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
  }

  public Duration maxAge() {
    return maxAge;
  }

  /** The freshness of {@code accounts}, in key order. */
  public FreshnessReport of(Collection<AccountKey> accounts) {
    List<AccountFreshness> result = new ArrayList<>();
    for (AccountKey account : new TreeSet<>(accounts)) {
      result.add(AccountFreshness.of(account, store.scopes(account)));
    }
    return new FreshnessReport(clock.instant(), maxAge, result);
  }

  /** The freshness of every account of {@code directory}: active and inactive ones. */
  public FreshnessReport of(AccountDirectory directory) {
    AccountRoster roster = directory.roster();
    List<AccountKey> all = new ArrayList<>(roster.active());
    all.addAll(roster.inactiveKeys());
    return of(all);
  }
}
