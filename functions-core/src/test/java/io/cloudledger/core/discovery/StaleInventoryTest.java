package io.cloudledger.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleInventoryTest {
  static final AccountKey ACCOUNT = AccountKey.parse("aws#333333333333");
  static final Instant SYNCED = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void mark_keepsLastCompleteTimeAndCounts_andSetsStaleWithTheReason() {
    InMemoryInventoryStore store = InMemoryInventoryStore.create();
    Scope vms = Scope.of("us-east-1", ResourceType.VM);
    store.saveScopes(
        ACCOUNT, List.of(new ScopeStatus(vms, SYNCED, ListingStatus.COMPLETE, "", 12, SYNCED)));

    int marked =
        new StaleInventory(store, new MutableClock(NOW))
            .mark(
                new DiscoveredAccount(
                    ACCOUNT, "old", "SUSPENDED", false, List.of("r-ab12"), "org"));

    assertThat(marked).isEqualTo(1);
    assertThat(store.scopes(ACCOUNT))
        .containsExactly(
            new ScopeStatus(
                vms, NOW, ListingStatus.STALE, "account is SUSPENDED in org", 12, SYNCED));
  }

  @Test
  void mark_neverSyncedAccount_writesNothing() {
    InMemoryInventoryStore store = InMemoryInventoryStore.create();

    int marked = new StaleInventory(store, new MutableClock(NOW)).mark(ACCOUNT, "closed");

    assertThat(marked).isZero();
    assertThat(store.scopes(ACCOUNT)).isEmpty();
    assertThat(store.query(InventoryQuery.all().includingDeleted())).isEmpty();
  }
}
