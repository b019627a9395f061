package io.cloudledger.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.dispatch.AccountsStatus;
import io.cloudledger.core.dispatch.FixedDirectory;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessQueryTest {
  static final AccountKey FRESH = AccountKey.parse("aws#111111111111");
  static final AccountKey LATE = AccountKey.parse("aws#222222222222");
  static final AccountKey NEVER = AccountKey.parse("aws#333333333333");
  static final AccountKey HALF = AccountKey.parse("aws#444444444444");
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final Scope VMS = Scope.of("us-east-1", ResourceType.VM);
  static final Scope BUCKETS = Scope.allRegions(ResourceType.STORAGE);

  static ScopeStatus complete(Scope scope, Instant at) {
    return new ScopeStatus(scope, at, ListingStatus.COMPLETE, "", 1, at);
  }

  private final InMemoryInventoryStore store = InMemoryInventoryStore.create();
  private final FreshnessQuery query =
      new FreshnessQuery(store, new MutableClock(NOW), Duration.ofMinutes(30));

  @Test
  void of_takesTheOldestCompleteScope_andFlagsOverdueAndNeverSyncedAccounts() {
    store.saveScopes(
        FRESH,
        List.of(complete(VMS, NOW.minusSeconds(600)), complete(BUCKETS, NOW.minusSeconds(300))));
    store.saveScopes(LATE, List.of(complete(VMS, NOW.minusSeconds(7200))));
    Instant failedAt = NOW.minusSeconds(60);
    store.saveScopes(
        HALF,
        List.of(
            complete(VMS, NOW.minusSeconds(60)),
            new ScopeStatus(BUCKETS, failedAt, ListingStatus.FAILED, "denied", 0, null)));

    FreshnessReport report = query.of(List.of(FRESH, LATE, NEVER, HALF));

    assertThat(report.accounts().getFirst().lastCompleteSync()).isEqualTo(NOW.minusSeconds(600));
    assertThat(report.accounts().getFirst().newestCompleteSync()).isEqualTo(NOW.minusSeconds(300));
    assertThat(report.overdue())
        .extracting(AccountFreshness::account)
        .containsExactly(LATE, NEVER, HALF);
    assertThat(report.oldestSyncAgeSeconds()).isEqualTo(7200);
  }

  @Test
  void staleAccount_isNotOverdue_andAccountsStatusSaysSo() throws Exception {
    Instant synced = NOW.minusSeconds(86_400);
    store.saveScopes(
        LATE, List.of(new ScopeStatus(VMS, NOW, ListingStatus.STALE, "SUSPENDED", 3, synced)));
    store.saveScopes(FRESH, List.of(complete(VMS, NOW.minusSeconds(5))));

    JsonNode json =
        new ObjectMapper()
            .readTree(new AccountsStatus(new FixedDirectory(List.of(FRESH, LATE)), query).json());

    assertThat(json.path("overdue").asInt()).isZero();
    assertThat(json.path("maxAgeSeconds").asLong()).isEqualTo(1800);
    JsonNode late = json.path("accounts").get(1);
    assertThat(late.path("accountKey").asText()).isEqualTo(LATE.value());
    assertThat(late.path("stale").asBoolean()).isTrue();
    assertThat(late.path("overdue").asBoolean()).isFalse();
    assertThat(late.path("lastCompleteSync").asText()).isEqualTo(synced.toString());
  }
}
