package io.cloudledger.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.model.AccountKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountRosterTest {
  static final AccountKey CONFIGURED = AccountKey.parse("aws#111111111111");
  static final AccountKey MEMBER = AccountKey.parse("aws#222222222222");
  static final AccountKey SUSPENDED = AccountKey.parse("aws#333333333333");

  static DiscoveredAccount account(AccountKey key, String status, boolean active) {
    return new DiscoveredAccount(key, "n", status, active, List.of("r-ab12"), "org");
  }

  @Test
  void merge_addsDiscoveredAccountsToConfiguredOnes_inKeyOrder() {
    AccountRoster roster =
        AccountRoster.merge(
            List.of(CONFIGURED),
            List.of(
                new DiscoveryResult(
                    "org",
                    List.of(account(MEMBER, "ACTIVE", true), account(CONFIGURED, "ACTIVE", true)),
                    0,
                    3)));

    assertThat(roster.active()).containsExactly(CONFIGURED, MEMBER);
    // The configured account keeps its configured session: only the member is "discovered".
    assertThat(roster.discovered()).extracting(DiscoveredAccount::account).containsExactly(MEMBER);
    assertThat(roster.inactive()).isEmpty();
  }

  @Test
  void merge_suspendedAccount_isSkippedEvenWhenConfigured() {
    AccountRoster roster =
        AccountRoster.merge(
            List.of(CONFIGURED, SUSPENDED),
            List.of(
                new DiscoveryResult("org", List.of(account(SUSPENDED, "SUSPENDED", false)), 0, 1)));

    assertThat(roster.active()).containsExactly(CONFIGURED);
    assertThat(roster.inactiveKeys()).containsExactly(SUSPENDED);
  }

  @Test
  void configured_hasNothingInactiveOrDiscovered() {
    AccountRoster roster = AccountRoster.configured(List.of(MEMBER, CONFIGURED));

    assertThat(roster.active()).containsExactly(CONFIGURED, MEMBER);
    assertThat(roster.inactive()).isEmpty();
    assertThat(roster.discovered()).isEmpty();
  }
}
