package io.cloudledger.aws.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsOrganizationTree;
import io.cloudledger.sandbox.estate.AwsOrganizationTree.Membership;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery of a 300-account organization through the real Organizations client. */
class AwsOrganizationDiscoveryTest {
  private static final AwsClientSettings FAST =
      AwsClientSettings.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));
  private static Sandbox sandbox;
  private static AwsOrganizationTree tree;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(300).withResourcesPerAccount(4));
    tree = sandbox.estate().organization();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static DiscoveryResult discover(String organizationBody) {
    AwsSession session = OrganizationConfigs.session(sandbox, organizationBody);
    try (AwsOrganizationDiscovery discovery =
        AwsOrganizationDiscovery.create(
            session, OrganizationConfigs.resolver(sandbox, SecretLookup.none()), FAST)) {
      return discovery.discover();
    }
  }

  private static long calls(String operation) {
    return sandbox.counters().calls(operation);
  }

  @Test
  void discover_withoutRules_listsAll300AccountsIn15Calls_andFlagsTheInactiveOnes() {
    long before = calls("ListAccounts");

    DiscoveryResult result = discover("");

    assertThat(result.accounts()).hasSize(300);
    assertThat(result.inactive())
        .extracting(DiscoveredAccount::status)
        .containsOnly("SUSPENDED", "PENDING_CLOSURE", "CLOSED")
        .hasSize(12);
    assertThat(result.active()).hasSize(288);
    // 300 accounts at 20 a page: the calls grow with pages, not with accounts.
    assertThat(calls("ListAccounts") - before).isEqualTo(15);
    assertThat(result.apiCalls()).isEqualTo(15);
  }

  @Test
  void discover_withOuAndAccountRules_walksOnlyTheIncludedSubtree() {
    String workloads = tree.unitNamed("Workloads").id();
    String prod = tree.unitNamed("Prod").id();
    String nonProd = tree.unitNamed("NonProd").id();
    String dev = tree.unitNamed("Dev").id();
    String sandboxOu = tree.unitNamed("Sandbox").id();
    String skipped = tree.membersUnder(prod).get(3).accountId();
    String extra = tree.membersUnder(sandboxOu).get(0).accountId();

    DiscoveryResult result =
        discover(
            "      include_ous: ["
                + workloads
                + "]\n      skip_ous: ["
                + dev
                + "]\n      include_accounts: ['"
                + extra
                + "']\n      skip_accounts: ['"
                + skipped
                + "']\n");

    List<String> expected =
        tree.members().stream()
            .filter(m -> Set.of(prod, nonProd).contains(m.parentId()))
            .map(Membership::accountId)
            .filter(id -> !id.equals(skipped))
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    expected.add(extra);
    assertThat(result.accounts())
        .extracting(a -> a.account().accountId())
        .containsExactlyInAnyOrderElementsOf(expected)
        .hasSize(60 + 60 - 1 + 1);
    assertThat(result.accounts())
        .filteredOn(a -> a.account().accountId().equals(tree.membersUnder(prod).get(0).accountId()))
        .singleElement()
        .satisfies(a -> assertThat(a.path()).containsExactly(workloads, prod));
    assertThat(result.accounts())
        .extracting(DiscoveredAccount::path)
        .noneMatch(path -> path.contains(dev));
    // Workloads, Prod, NonProd: one OU listing and 1-3 account pages each, plus 15 ListAccounts
    // pages to find the account included by id outside the OUs. Dev is never listed.
    assertThat(result.apiCalls()).isLessThanOrEqualTo(3 + 3 + 3 + 1 + 15);
  }

  @Test
  void discover_whenOrganizationsThrottles_retriesAndFindsTheSameAccounts() {
    DiscoveryResult calm = discover("      skip_ous: [" + tree.unitNamed("Sandbox").id() + "]\n");
    sandbox
        .faults()
        .replace(
            FaultPlan.parse(
                "ListAccountsForParent:throttle=every3;ListOrganizationalUnitsForParent:throttle=every4"));

    DiscoveryResult throttled =
        discover("      skip_ous: [" + tree.unitNamed("Sandbox").id() + "]\n");

    assertThat(throttled.accounts()).isEqualTo(calm.accounts());
    assertThat(throttled.apiCalls()).isGreaterThan(calm.apiCalls());
    assertThat(sandbox.counters().injectedFaults("ListAccountsForParent")).isPositive();
  }

  @Test
  void discover_whenDenied_isPermanentAndNamesTheOperation() {
    sandbox.faults().replace(FaultPlan.parse("ListAccounts:deny"));

    assertThatThrownBy(() -> discover(""))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("ListAccounts")
        .hasMessageContaining("AccessDeniedException");
  }
}
