package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpInstance;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.fault.FaultPlan;
import io.cloudledger.sandbox.gcp.GcpServiceAccount;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected by the sandbox, seen through the real Compute clients: failed and partial scopes
 * tombstone nothing, throttling is retried (GCP's 403 rateLimitExceeded included), bad credentials
 * fail the whole listing.
 */
class GcpInventoryFailureTest {
  private static final String LIST_INSTANCES = "instances.aggregatedList";

  // A fresh estate per test: tests advance it.
  private Sandbox sandbox;
  private GcpInventorySource source;

  @BeforeEach
  void startSandbox() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(2)
                .withResourcesPerAccount(80));
    source = SandboxGcp.source(sandbox, SandboxGcp.FAST);
  }

  @AfterEach
  void stopSandbox() {
    source.close();
    sandbox.close();
  }

  private GcpProject project() {
    return sandbox.estate().gcp().projects().getFirst();
  }

  private void faults(String spec) {
    sandbox.faults().replace(FaultPlan.parse(spec));
  }

  private static ScopeOutcome outcome(SyncResult result, ResourceType type) {
    return result.run().failedScopes().stream()
        .filter(o -> o.scope().equals(Scope.allRegions(type)))
        .findFirst()
        .orElse(ScopeOutcome.complete(Scope.allRegions(type)));
  }

  @Test
  void sync_whenInstancesDenied_failsThatScopeOnlyAndTombstonesNothing() {
    SandboxGcp sync = new SandboxGcp();
    sync.sync(project(), source);
    sandbox.advance(0.3);
    sync.store.resetCounts();
    faults(LIST_INSTANCES + "@" + project().projectId() + ":deny");

    SyncResult result = sync.sync(project(), source);

    assertThat(result.status()).isEqualTo(SyncStatus.PARTIAL);
    ScopeOutcome vms = outcome(result, ResourceType.VM);
    assertThat(vms.status()).isEqualTo(ListingStatus.FAILED);
    assertThat(vms.reason()).startsWith("forbidden").contains(project().projectId());
    assertThat(outcome(result, ResourceType.NETWORK).complete()).isTrue();
    assertThat(outcome(result, ResourceType.SUBNET).complete()).isTrue();
    assertThat(sync.store.tombstones()).isZero();
    assertThat(result.counts().tombstoned()).isZero();
  }

  @Test
  void sync_whenListingIsCutShortAfterFirstPage_tombstonesNothingInThatScope() {
    SandboxGcp sync = new SandboxGcp();
    try (GcpInventorySource smallPages =
        SandboxGcp.source(sandbox, SandboxGcp.FAST.withPageSize(5))) {
      sync.sync(project(), smallPages);
      sandbox.advance(0.3);
      sync.store.resetCounts();
      faults(LIST_INSTANCES + "@" + project().projectId() + ":failAfterPage=1");

      SyncResult result = sync.sync(project(), smallPages);

      ScopeOutcome vms = outcome(result, ResourceType.VM);
      assertThat(vms.status()).isEqualTo(ListingStatus.FAILED);
      assertThat(vms.reason()).startsWith("unavailable");
      assertThat(sync.store.tombstones()).isZero();
      assertThat(result.counts(ResourceType.VM).seen()).isEqualTo(5);
    }
  }

  @Test
  void sync_whenZoneUnreachable_marksVmScopePartialAndKeepsThatZonesVms() {
    SandboxGcp sync = new SandboxGcp();
    sync.sync(project(), source);
    sandbox.advance(0.3);
    GcpProject advanced = project();
    String zone = busiestZone(advanced);
    faults(LIST_INSTANCES + "@" + advanced.projectId() + "/" + zone + ":unreachable");
    sync.store.resetCounts();

    SyncResult result = sync.sync(advanced, source);

    ScopeOutcome vms = outcome(result, ResourceType.VM);
    assertThat(vms.status()).isEqualTo(ListingStatus.PARTIAL);
    assertThat(vms.reason()).contains("zones/" + zone);
    assertThat(sync.store.tombstones()).isZero();
    // Every VM of the reachable zones is current; the unreachable zone's VMs stay stored.
    Map<String, Resource> stored =
        sync.store.live(SandboxGcp.key(advanced)).stream()
            .filter(r -> r.type() == ResourceType.VM)
            .collect(Collectors.toMap(Resource::resourceId, Function.identity()));
    for (GcpInstance instance : advanced.instances()) {
      if (!instance.zone().equals(zone)) {
        assertThat(stored.get(Long.toUnsignedString(instance.id())).status())
            .isEqualTo(ExpectedGcpInventory.instance(instance).status());
      }
    }
    assertThat(stored.values()).anyMatch(r -> r.metadata().get("zone").equals(zone));
    assertThat(outcome(result, ResourceType.NETWORK).complete()).isTrue();
  }

  @Test
  void sync_under30PercentThrottling_endsInTheSameStoreAsWithoutFaults() {
    faults(
        "instances.aggregatedList:throttle=0.3;networks.list:throttle=0.3;"
            + "subnetworks.aggregatedList:throttle=0.3");
    SandboxGcp sync = new SandboxGcp();
    try (GcpInventorySource smallPages =
        SandboxGcp.source(
            sandbox,
            SandboxGcp.FAST
                .withPageSize(5)
                .withClients(
                    GcpClientSettings.defaults()
                        .withMaxAttempts(10)
                        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))))) {
      for (GcpProject project : sandbox.estate().gcp().projects()) {
        SyncResult result = sync.sync(project, smallPages);
        assertThat(result.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(ExpectedGcpInventory.observed(sync.store.live(SandboxGcp.key(project))))
            .containsExactlyInAnyOrderEntriesOf(ExpectedGcpInventory.of(project));
      }
    }
    assertThat(sandbox.counters().injectedFaults(LIST_INSTANCES)).isPositive();
  }

  @Test
  void list_when403RateLimitExceededAnd429_retriesAndCompletes() {
    faults(LIST_INSTANCES + ":throttle=first2");

    ListingReport report =
        source.list(SandboxGcp.key(project()), Set.of(ResourceType.VM), page -> {});

    assertThat(report.outcomes()).singleElement().satisfies(o -> assertThat(o.complete()).isTrue());
    // The sandbox alternates 403 rateLimitExceeded and 429: both were retried.
    assertThat(sandbox.counters().injectedFaults(LIST_INSTANCES)).isEqualTo(2);
    assertThat(report.apiCalls()).isEqualTo(3);
  }

  @Test
  void list_whenServerErrorsPersist_failsTheScopeAsRetryableAfterTheConfiguredAttempts() {
    faults(LIST_INSTANCES + ":error5xx=1.0");
    try (GcpInventorySource threeAttempts =
        SandboxGcp.source(
            sandbox,
            SandboxGcp.FAST.withClients(
                GcpClientSettings.defaults()
                    .withMaxAttempts(3)
                    .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))))) {
      ListingReport report =
          threeAttempts.list(SandboxGcp.key(project()), Set.of(ResourceType.VM), page -> {});

      assertThat(report.outcomes())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.status()).isEqualTo(ListingStatus.FAILED);
                assertThat(o.reason()).startsWith("unavailable");
              });
      assertThat(report.apiCalls()).isEqualTo(3);
    }
  }

  @Test
  void list_withKeyOfAnUnknownServiceAccount_failsWholeListingAsUnauthenticated() {
    String foreignKey =
        GcpServiceAccount.create("someone-else")
            .keyJson("someone-else", sandbox.gcpEndpoint().resolve("/token"));
    try (GcpInventorySource foreign =
        GcpInventorySource.create(
            SandboxGcp.session(sandbox, sandbox.estate().gcp().projects()),
            SandboxGcp.resolver(foreignKey),
            SandboxGcp.FAST)) {
      assertThatThrownBy(
              () -> foreign.list(SandboxGcp.key(project()), SandboxGcp.ALL_TYPES, page -> {}))
          .isInstanceOfSatisfying(
              PermanentException.class, e -> assertThat(e.reason()).isEqualTo("unauthenticated"))
          .hasMessageNotContaining("PRIVATE KEY");
    }
    assertThat(sandbox.counters().calls(LIST_INSTANCES)).isZero();
  }

  @Test
  void create_withMalformedKey_failsWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                GcpInventorySource.create(
                    SandboxGcp.session(sandbox, sandbox.estate().gcp().projects()),
                    SandboxGcp.resolver(
                        "{\"type\":\"service_account\",\"private_key\":\"s3cr3t\"}"),
                    SandboxGcp.FAST))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.reason()).isEqualTo("invalid-credentials"))
        .hasMessageContaining("gcp_sandbox")
        .hasMessageNotContaining("s3cr3t");
  }

  private static String busiestZone(GcpProject project) {
    return project.instances().stream()
        .collect(Collectors.groupingBy(GcpInstance::zone, Collectors.counting()))
        .entrySet()
        .stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow()
        .getKey();
  }
}
