package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.AwsOrganizationTree;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.ParentType;
import software.amazon.awssdk.services.organizations.model.TooManyRequestsException;
import software.amazon.awssdk.services.sts.StsClient;

/** The real Organizations client against the sandbox's organization tree. */
class OrganizationsConformanceTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(120).withResourcesPerAccount(4));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(io.cloudledger.sandbox.fault.FaultPlan.none());
  }

  static OrganizationsClient client(AwsCredentialsProvider credentials) {
    return OrganizationsClient.builder()
        .endpointOverride(sandbox.endpoints().aws())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(credentials)
        .httpClient(SdkClients.HTTP)
        .overrideConfiguration(c -> c.retryStrategy(SdkClients.standardRetries()))
        .build();
  }

  @Test
  void listAccounts_pagesByTwenty_andReportsStates() {
    try (OrganizationsClient organizations = client(SdkClients.management(sandbox))) {
      List<ListAccountsResponse> pages =
          organizations.listAccountsPaginator(r -> {}).stream().toList();
      List<Account> accounts = pages.stream().flatMap(p -> p.accounts().stream()).toList();

      assertThat(pages).hasSize(6);
      assertThat(accounts).hasSize(120);
      assertThat(accounts)
          .filteredOn(a -> a.state() == AccountState.SUSPENDED)
          .extracting(Account::name)
          .containsExactly("account-49", "account-99");
      assertThat(accounts)
          .filteredOn(a -> a.state() == AccountState.PENDING_CLOSURE)
          .extracting(Account::name)
          .containsExactly("account-97");
      assertThat(accounts.getFirst().joinedTimestamp()).isNotNull();
    }
  }

  @Test
  void tree_rootOusAccountsAndParents_areConsistent() {
    AwsOrganizationTree tree = sandbox.estate().organization();
    try (OrganizationsClient organizations = client(SdkClients.management(sandbox))) {
      String root = organizations.listRoots(r -> {}).roots().getFirst().id();
      List<String> top =
          organizations
              .listOrganizationalUnitsForParent(r -> r.parentId(root))
              .organizationalUnits()
              .stream()
              .map(OrganizationalUnit::name)
              .toList();
      String prod = tree.unitNamed("Prod").id();
      List<Account> inProd =
          organizations.listAccountsForParentPaginator(r -> r.parentId(prod)).stream()
              .flatMap(p -> p.accounts().stream())
              .toList();
      var parents = organizations.listParents(r -> r.childId(inProd.getFirst().id())).parents();

      assertThat(root).isEqualTo(tree.rootId());
      assertThat(top).containsExactly("Security", "Workloads", "Sandbox");
      assertThat(inProd).hasSize(24);
      assertThat(parents)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.id()).isEqualTo(prod);
                assertThat(p.type()).isEqualTo(ParentType.ORGANIZATIONAL_UNIT);
              });
    }
  }

  @Test
  void memberAccount_isDenied() {
    AwsAccount member = sandbox.estate().accounts().get(2);
    try (StsClient sts = SdkClients.sts(sandbox, SdkClients.management(sandbox));
        OrganizationsClient organizations =
            client(SdkClients.assumeRole(sts, member.roleArn(), ""))) {
      assertThatThrownBy(() -> organizations.listRoots(r -> {}))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("organizations:ListRoots");
    }
  }

  @Test
  void throttle_isTooManyRequests_whichTheSdkRetries() {
    sandbox
        .faults()
        .replace(io.cloudledger.sandbox.fault.FaultPlan.parse("ListRoots:throttle=first1"));
    try (OrganizationsClient organizations = client(SdkClients.management(sandbox))) {
      assertThat(organizations.listRoots(r -> {}).roots()).hasSize(1);
    }
    sandbox.faults().replace(io.cloudledger.sandbox.fault.FaultPlan.parse("ListRoots:throttle=1"));
    try (OrganizationsClient organizations = client(SdkClients.management(sandbox))) {
      assertThatThrownBy(() -> organizations.listRoots(r -> {}))
          .isInstanceOf(TooManyRequestsException.class);
    }
  }

  @Test
  void setState_changesWhatListAccountsReports() {
    AwsOrganizationTree tree = sandbox.estate().organization();
    String id = sandbox.estate().accounts().get(5).accountId();
    tree.setState(id, "CLOSED");
    try (OrganizationsClient organizations = client(SdkClients.management(sandbox))) {
      Account account =
          organizations.listAccountsPaginator(r -> {}).stream()
              .flatMap(p -> p.accounts().stream())
              .filter(a -> a.id().equals(id))
              .findFirst()
              .orElseThrow();
      assertThat(account.state()).isEqualTo(AccountState.CLOSED);
      assertThat(account.statusAsString()).isEqualTo("SUSPENDED");
    } finally {
      tree.setState(id, "ACTIVE");
    }
  }
}
