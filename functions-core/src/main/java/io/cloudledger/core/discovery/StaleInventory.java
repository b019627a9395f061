package io.cloudledger.core.discovery;

import io.cloudledger.core.inventory.InventoryStore;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Marks the stored inventory of an inactive (suspended, closed, disabled, being deleted) account as
 * stale instead of syncing it: every scope record of the account gets {@link ListingStatus#STALE}
 * with the reason, keeping its last complete listing time. No resource is written or tombstoned, so
 * the last known inventory stays queryable and comes back to life when the account does.
 */
public final class StaleInventory {
  private final InventoryStore store;
  private final Clock clock;

  public StaleInventory(InventoryStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Marks the account's scopes stale; returns how many scope records it marked. */
  public int mark(DiscoveredAccount account) {
    return mark(account.account(), "account is " + account.status() + " in " + account.source());
  }

  /** Marks the account's scopes stale with {@code reason}; returns how many it marked. */
  public int mark(AccountKey account, String reason) {
    List<ScopeStatus> scopes = store.scopes(account);
    if (scopes.isEmpty()) {
      return 0;
    }
    var now = clock.instant();
    List<ScopeStatus> stale =
        scopes.stream()
            .map(
                s ->
                    new ScopeStatus(
                        s.scope(),
                        now,
                        ListingStatus.STALE,
                        reason,
                        s.itemCount(),
                        s.lastCompleteAt()))
            .toList();
    store.saveScopes(account, stale);
    return stale.size();
  }
}
