package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.EstateChange;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.estate.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Syncs a multi-project sandbox estate through the real Compute clients (service-account key, JWT
 * grant at the sandbox's token endpoint) and the core sync engine.
 */
class GcpInventorySyncTest {
  private static Sandbox sandbox;
  private static GcpInventorySource source;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(3)
                .withResourcesPerAccount(100));
    source = SandboxGcp.source(sandbox, SandboxGcp.FAST);
  }

  @AfterAll
  static void stopSandbox() {
    source.close();
    sandbox.close();
  }

  private static List<GcpProject> projects() {
    return sandbox.estate().gcp().projects();
  }

  private static List<SyncResult> syncAll(SandboxGcp sync) {
    List<SyncResult> results = new ArrayList<>();
    for (GcpProject project : projects()) {
      results.add(sync.sync(project, source));
    }
    return results;
  }

  private static void assertStoreMatchesEstate(SandboxGcp sync) {
    for (GcpProject project : projects()) {
      assertThat(ExpectedGcpInventory.observed(sync.store.live(SandboxGcp.key(project))))
          .as("inventory of %s", project.projectId())
          .containsExactlyInAnyOrderEntriesOf(ExpectedGcpInventory.of(project));
    }
  }

  @Test
  void sync_ofMultiProjectEstate_storesExactlyTheGeneratedResourcesNormalized() {
    SandboxGcp sync = new SandboxGcp();

    List<SyncResult> results = syncAll(sync);

    assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(SyncStatus.SUCCEEDED));
    assertStoreMatchesEstate(sync);
    long expected = projects().stream().mapToLong(GcpProject::resourceCount).sum();
    assertThat(results.stream().mapToLong(r -> r.counts().created()).sum()).isEqualTo(expected);
    assertThat(sync.store.puts()).isEqualTo(expected);
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.counts(ResourceType.VM).seen()).isPositive();
              assertThat(r.counts(ResourceType.NETWORK).seen()).isPositive();
              assertThat(r.counts(ResourceType.SUBNET).seen()).isPositive();
            });
  }

  @Test
  void sync_repeatedWithoutChanges_writesNothing() {
    SandboxGcp sync = new SandboxGcp();
    syncAll(sync);
    sync.store.resetCounts();

    List<SyncResult> second = syncAll(sync);

    assertThat(sync.store.puts()).isZero();
    assertThat(sync.store.tombstones()).isZero();
    assertThat(second)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(SyncStatus.SUCCEEDED);
              assertThat(r.counts().writes()).isZero();
              assertThat(r.counts().unchanged()).isEqualTo(r.counts().seen()).isPositive();
            });
  }

  @Test
  void sync_afterEstateAdvances_countsExactlyTheCreatedChangedAndDeletedResources() {
    SandboxGcp sync = new SandboxGcp();
    syncAll(sync);
    sync.store.resetCounts();

    EstateChange change = sandbox.advance(0.1);
    List<SyncResult> results = syncAll(sync);

    List<ResourceRef> created = gcpOnly(change.created());
    List<ResourceRef> deleted = gcpOnly(change.deleted());
    List<ResourceRef> modified = gcpOnly(change.modified());
    assertThat(created).isNotEmpty();
    assertThat(deleted).isNotEmpty();
    assertThat(modified).isNotEmpty();
    for (int i = 0; i < results.size(); i++) {
      String projectId = projects().get(i).projectId();
      SyncResult result = results.get(i);
      assertThat(result.counts().created())
          .as("created in %s", projectId)
          .isEqualTo(countIn(created, projectId));
      assertThat(result.counts().changed())
          .as("changed in %s", projectId)
          .isEqualTo(countIn(modified, projectId));
      assertThat(result.counts().tombstoned())
          .as("tombstoned in %s", projectId)
          .isEqualTo(countIn(deleted, projectId));
    }
    assertThat(sync.store.puts()).isEqualTo(created.size() + modified.size());
    assertThat(sync.store.tombstones()).isEqualTo(deleted.size());
    assertStoreMatchesEstate(sync);
  }

  @Test
  void list_callsPerProject_growWithPagesNotResources() {
    int pageSize = 7;
    SandboxGcp sync = new SandboxGcp();
    try (GcpInventorySource smallPages =
        SandboxGcp.source(sandbox, SandboxGcp.FAST.withPageSize(pageSize))) {
      for (GcpProject project : projects()) {
        sandbox.counters().reset();
        SyncResult result = sync.sync(project, smallPages);
        assertThat(result.status()).isEqualTo(SyncStatus.SUCCEEDED);

        long calls = computeCalls(project.projectId());
        long pages =
            pagesOf(project.instances().size(), pageSize)
                + pagesOf(project.networks().size(), pageSize)
                + pagesOf(project.subnetworks().size(), pageSize);
        // aggregatedList pages across zones: exactly one call per page of each type, no more.
        assertThat(calls).as("calls of %s", project.projectId()).isEqualTo(pages);
        assertThat(result.run().apiCalls()).isEqualTo(calls);
      }
    }
    assertStoreMatchesEstate(sync);
  }

  @Test
  void list_reportsCompleteScopesAndApiCallsOfEachListingOnly() {
    GcpProject project = projects().getFirst();
    ListingReport first = source.list(SandboxGcp.key(project), SandboxGcp.ALL_TYPES, page -> {});
    ListingReport second = source.list(SandboxGcp.key(project), SandboxGcp.ALL_TYPES, page -> {});

    assertThat(first.outcomes()).hasSize(3).allSatisfy(o -> assertThat(o.complete()).isTrue());
    assertThat(first.outcomes()).allSatisfy(o -> assertThat(o.scope().allRegions()).isTrue());
    assertThat(second.apiCalls()).isEqualTo(first.apiCalls()).isEqualTo(3);
  }

  @Test
  void list_ofProjectOutsideTheSession_isRefused() {
    var outsider = io.cloudledger.core.model.AccountKey.parse("gcp#not-in-session");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> source.list(outsider, Set.of(ResourceType.VM), page -> {}))
        .isInstanceOf(io.cloudledger.core.error.PermanentException.class)
        .hasMessageContaining("gcp#not-in-session");
  }

  static long computeCalls(String projectId) {
    return sandbox.counters().calls("instances.aggregatedList", projectId)
        + sandbox.counters().calls("networks.list", projectId)
        + sandbox.counters().calls("subnetworks.aggregatedList", projectId);
  }

  private static List<ResourceRef> gcpOnly(List<ResourceRef> refs) {
    Set<String> ids = Set.copyOf(projects().stream().map(GcpProject::projectId).toList());
    return refs.stream().filter(r -> ids.contains(r.accountId())).toList();
  }

  private static long countIn(List<ResourceRef> refs, String projectId) {
    return refs.stream().filter(r -> r.accountId().equals(projectId)).count();
  }

  private static long pagesOf(int items, int pageSize) {
    return Math.max(1, (items + pageSize - 1) / pageSize);
  }
}
