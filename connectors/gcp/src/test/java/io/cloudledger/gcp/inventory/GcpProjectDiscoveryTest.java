package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.gcp.session.GcpClients;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.estate.GcpResourceTree;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Project discovery with Resource Manager v3: recursive over folders, deleted projects skipped. */
class GcpProjectDiscoveryTest {
  private static Sandbox sandbox;
  private static GcpResourceTree tree;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(4)
                .withGcpProjects(250));
    tree = sandbox.estate().gcpResourceTree();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.faults().replace(FaultPlan.none());
    sandbox.estate().gcp().projects().forEach(p -> tree.setState(p.projectId(), "ACTIVE"));
  }

  private static GcpClients clients(String discoveryYaml) {
    String yaml =
        "cloud_sessions:\n  - name: gcp_org\n    session_type: gcp\n    credentials: SEC/"
            + SandboxGcp.KEY_SECRET
            + "\n    endpoint_url: "
            + sandbox.gcpEndpoint()
            + "\n"
            + discoveryYaml;
    GcpSession session =
        (GcpSession) ConfigLoader.parse(yaml, Path.of("gcp.yaml")).sessions().getFirst();
    return GcpClients.create(
        session, SandboxGcp.resolver(sandbox.gcpServiceAccountKey()), SandboxGcp.FAST.clients());
  }

  private static List<AccountKey> keys(List<GcpProject> projects) {
    return projects.stream().map(SandboxGcp::key).toList();
  }

  @Test
  void discover_underTheOrganization_walksFoldersRecursively_andPages() {
    List<GcpProject> all = sandbox.estate().gcp().projects();
    GcpProject deleting = all.get(5); // index 5: under folders/1003 (Dev, inside NonProd)
    tree.setState(deleting.projectId(), "DELETE_REQUESTED");

    DiscoveryResult result;
    try (GcpClients clients = clients("    parents: [" + tree.organization() + "]\n")) {
      result = clients.discover();
    }

    assertThat(result.accounts())
        .extracting(DiscoveredAccount::account)
        .containsExactlyInAnyOrderElementsOf(keys(all));
    assertThat(result.inactive())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.account()).isEqualTo(SandboxGcp.key(deleting));
              assertThat(d.status()).isEqualTo("DELETE_REQUESTED");
              assertThat(d.path())
                  .containsExactly(tree.organization(), "folders/1002", "folders/1003");
            });
    // The org (84 projects) and Prod/Dev (83 each) in pages of 100: 2 + 1 + 1 project pages,
    // plus one folder listing per node (org, 1001, 1002, 1003).
    assertThat(result.apiCalls()).isEqualTo(4 + 4);
  }

  @Test
  void discover_skipFolderAndProject_leavesThemOut_andEmptyProjectIdsMeanDiscover() {
    List<GcpProject> all = sandbox.estate().gcp().projects();
    GcpProject skipped = all.get(1); // under folders/1001

    try (GcpClients clients =
        clients(
            "    parents: ["
                + tree.organization()
                + "]\n    skip_folders: [folders/1002]\n    skip_projects: ["
                + skipped.projectId()
                + "]\n")) {
      List<AccountKey> projects = clients.projects();

      List<AccountKey> expected =
          all.stream()
              .filter(p -> p.index() % 3 != 2 && p != skipped)
              .map(SandboxGcp::key)
              .toList();
      assertThat(projects).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void discover_withoutParents_searchesEveryVisibleProject() {
    try (GcpClients clients = clients("")) {
      assertThat(clients.projects()).hasSize(250);
    }
  }

  @Test
  void discover_throttled_retries_andDenied_isPermanent() {
    sandbox.faults().replace(FaultPlan.parse("projects.list:throttle=every2"));
    try (GcpClients clients = clients("    parents: [folders/1001]\n")) {
      assertThat(clients.discover().accounts()).hasSize(83);
    }
    sandbox.faults().replace(FaultPlan.parse("folders.list:deny"));
    try (GcpClients clients = clients("    parents: [folders/1001]\n")) {
      assertThatThrownBy(clients::discover)
          .isInstanceOf(PermanentException.class)
          .hasMessageContaining("HTTP 403");
    }
  }
}
