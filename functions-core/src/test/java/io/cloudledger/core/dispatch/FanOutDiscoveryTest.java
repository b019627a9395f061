package io.cloudledger.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.discovery.AccountRoster;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.discovery.StaleInventory;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FanOutDiscoveryTest {
  static final AccountKey ACTIVE = AccountKey.parse("aws#111111111111");
  static final AccountKey SUSPENDED = AccountKey.parse("aws#222222222222");
  static final Instant TICK = Instant.parse("2026-11-23T17:00:00Z");

  /** A directory whose organization lists one active and one suspended account. */
  static final class OrganizationDirectory extends FixedDirectoryBase {
    @Override
    public AccountRoster roster() {
      return AccountRoster.merge(
          List.of(),
          List.of(
              new DiscoveryResult(
                  "org",
                  List.of(
                      new DiscoveredAccount(ACTIVE, "a", "ACTIVE", true, List.of(), "org"),
                      new DiscoveredAccount(SUSPENDED, "s", "SUSPENDED", false, List.of(), "org")),
                  0,
                  1)));
    }
  }

  abstract static class FixedDirectoryBase implements AccountDirectory {
    @Override
    public List<AccountKey> accounts() {
      return roster().active();
    }

    @Override
    public <T> T withInventorySource(
        AccountKey account,
        java.util.function.Function<io.cloudledger.core.inventory.InventorySource, T> work) {
      throw new UnsupportedOperationException("not synced here");
    }
  }

  @Test
  void scheduled_skipsSuspendedAccount_andMarksItsScopesStaleWithoutTombstoning() {
    InMemoryInventoryStore store = InMemoryInventoryStore.create();
    Scope vms = Scope.of("us-east-1", ResourceType.VM);
    Instant synced = TICK.minusSeconds(3600);
    store.saveScopes(
        SUSPENDED, List.of(new ScopeStatus(vms, synced, ListingStatus.COMPLETE, "", 5, synced)));
    InMemoryDispatcher dispatcher = new InMemoryDispatcher();
    FanOut fanOut =
        new FanOut(
            new OrganizationDirectory(),
            dispatcher,
            new InMemorySyncRequestLog(),
            new StaleInventory(store, new MutableClock(TICK)));

    AcceptedRequest accepted = fanOut.scheduled(TICK, Set.of(SyncKind.INVENTORY));

    assertThat(accepted.accounts()).containsExactly(ACTIVE);
    assertThat(dispatcher.drain()).extracting(SyncRequest::accountKey).containsExactly(ACTIVE);
    ScopeStatus marked = store.scopes(SUSPENDED).getFirst();
    assertThat(marked.status()).isEqualTo(ListingStatus.STALE);
    assertThat(marked.lastCompleteAt()).isEqualTo(synced);
    assertThat(marked.reason()).isEqualTo("account is SUSPENDED in org");
  }
}
