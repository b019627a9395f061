package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subscription discovery: all visible ones, or those under management groups; disabled skipped. */
class AzureSubscriptionDiscoveryTest {
  private static Sandbox sandbox;
  private static SandboxAzure azure;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(4)
                .withAzure(
                    io.cloudledger.sandbox.AzureSandboxOptions.none()
                        .withSubscriptions(7)
                        .withPageSize(3)));
    azure = new SandboxAzure(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.faults().replace(FaultPlan.none());
    sandbox
        .estate()
        .azure()
        .subscriptions()
        .forEach(s -> sandbox.estate().azure().setState(s.subscriptionId(), "Enabled"));
  }

  private static DiscoveryResult discover(String extraYaml) {
    AzureClients clients =
        AzureClients.create(
            azure.session(List.of(), SandboxAzure.SECRET_NAME, extraYaml),
            azure.resolver(),
            SandboxAzure.FAST.clients());
    return clients.discover();
  }

  @Test
  void discover_withoutGroups_listsEverySubscription_andReportsDisabledOnesInactive() {
    List<AzureSubscription> all = sandbox.estate().azure().subscriptions();
    sandbox.estate().azure().setState(all.get(2).subscriptionId(), "Disabled");
    sandbox.estate().azure().setState(all.get(3).subscriptionId(), "Deleted");
    sandbox.estate().azure().setState(all.get(4).subscriptionId(), "PastDue");

    DiscoveryResult result = discover("");

    assertThat(result.accounts()).hasSize(7);
    assertThat(result.inactive())
        .extracting(DiscoveredAccount::account)
        .containsExactlyInAnyOrder(SandboxAzure.key(all.get(2)), SandboxAzure.key(all.get(3)));
    assertThat(result.inactive())
        .extracting(DiscoveredAccount::status)
        .containsExactlyInAnyOrder("Disabled", "Deleted");
  }

  @Test
  void discover_underAManagementGroup_pagesItsDescendants_andHonoursSkips() {
    List<AzureSubscription> all = sandbox.estate().azure().subscriptions();
    String skipped = all.get(2).subscriptionId();

    DiscoveryResult result =
        discover("    management_groups: [cl-prod]\n    skip_subscriptions: [" + skipped + "]\n");

    // Subscriptions 0, 2, 4, 6 sit in cl-prod; 2 is skipped by id.
    List<AccountKey> expected =
        List.of(all.get(0), all.get(4), all.get(6)).stream().map(SandboxAzure::key).toList();
    assertThat(result.accounts())
        .extracting(DiscoveredAccount::account)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.accounts()).allSatisfy(a -> assertThat(a.path()).containsExactly("cl-prod"));
    assertThat(result.excludedByRules()).isEqualTo(4);
    // Two descendants pages of 3 (4 subscriptions) and one Subscriptions_List.
    assertThat(sandbox.counters().calls("ManagementGroups_GetDescendants", "cl-prod")).isEqualTo(2);
  }

  @Test
  void accounts_withoutConfiguredIds_leaveOutDisabledSubscriptions() {
    List<AzureSubscription> all = sandbox.estate().azure().subscriptions();
    sandbox.estate().azure().setState(all.get(1).subscriptionId(), "Disabled");
    AzureClients clients =
        AzureClients.create(
            azure.session(List.of(), SandboxAzure.SECRET_NAME, ""),
            azure.resolver(),
            SandboxAzure.FAST.clients());

    assertThat(clients.accounts()).hasSize(6).doesNotContain(SandboxAzure.key(all.get(1)));
    assertThat(clients.lastDiscovery().orElseThrow().inactive()).hasSize(1);
  }
}
