package io.cloudledger.aws.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceKey;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncRun;
import io.cloudledger.core.sync.SyncStatus;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.EstateChange;
import io.cloudledger.sandbox.estate.ResourceRef;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults injected by the sandbox: a denied or cut-short region fails only its scope and tombstones
 * nothing there; throttling is retried to the same result; a wrong ExternalId fails the account.
 */
class AwsInventoryFailureTest {
  private static final io.cloudledger.sandbox.estate.ResourceType EC2_INSTANCE =
      io.cloudledger.sandbox.estate.ResourceType.EC2_INSTANCE;
  private static Sandbox sandbox;
  private static SandboxSessions sessions;

  @BeforeAll
  static void startSandbox() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(3).withResourcesPerAccount(150));
    sessions = new SandboxSessions(sandbox);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  @Test
  void sync_whenOneRegionIsDenied_failsThatScopeOnlyAndTombstonesNothingThere() {
    assertRegionFailureKeepsItsResources("deny", SandboxSync.FAST, "UnauthorizedOperation", 0);
  }

  @Test
  void sync_whenARegionFailsAfterItsFirstPage_tombstonesNothingThere() {
    // Pages of 5 make the region's listing stop mid-way, after its first page was stored.
    assertRegionFailureKeepsItsResources(
        "failAfterPage=1", SandboxSync.FAST.withPageSize(5), "InternalError", 1);
  }

  private void assertRegionFailureKeepsItsResources(
      String fault, AwsSourceSettings settings, String reason, int pagesBeforeFailure) {
    SandboxSync sync = new SandboxSync();
    for (AwsAccount account : sandbox.estate().accounts()) {
      try (AwsInventorySource source = sessions.source(account, settings)) {
        sync.sync(account, source);
      }
    }
    EstateChange change = sandbox.advance(0.1);
    ResourceRef gone =
        change.deleted().stream()
            .filter(r -> r.type() == EC2_INSTANCE)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the step deleted no instance: " + change));
    AwsAccount victim = sandbox.estate().account(gone.accountId()).orElseThrow();
    Scope failing = Scope.of(gone.region(), ResourceType.VM);
    assertThat(victim.instancesIn(gone.region()).size())
        .as("instances left in the failing region")
        .isGreaterThan(5);
    sandbox
        .faults()
        .replace(
            FaultPlan.parse(
                "DescribeInstances@" + gone.accountId() + "/" + gone.region() + ":" + fault));
    try (AwsInventorySource source = sessions.source(victim, settings)) {
      List<ResourcePage> pages = new CopyOnWriteArrayList<>();
      ListingReport report =
          source.list(SandboxSync.key(victim), SandboxSync.ALL_TYPES, pages::add);
      assertThat(pages).filteredOn(p -> p.scope().equals(failing)).hasSize(pagesBeforeFailure);
      assertThat(report.outcomes())
          .filteredOn(o -> !o.complete())
          .extracting(ScopeOutcome::scope)
          .containsExactly(failing);
    }
    sync.store.resetCounts();

    long tombstoned = 0;
    for (AwsAccount account : sandbox.estate().accounts()) {
      try (AwsInventorySource source = sessions.source(account, settings)) {
        SyncResult result = sync.sync(account, source);
        tombstoned += result.counts().tombstoned();
        if (account.accountId().equals(gone.accountId())) {
          assertThat(result.status()).isEqualTo(SyncStatus.PARTIAL);
          assertThat(result.failedScopes())
              .singleElement()
              .satisfies(
                  outcome -> {
                    assertThat(outcome.scope()).isEqualTo(failing);
                    assertThat(outcome.status()).isEqualTo(ListingStatus.FAILED);
                    assertThat(outcome.reason())
                        .startsWith(reason)
                        .contains("DescribeInstances", gone.accountId(), gone.region());
                  });
        } else {
          assertThat(result.status()).isEqualTo(SyncStatus.SUCCEEDED);
        }
      }
    }

    AccountKey victimKey = SandboxSync.key(victim);
    assertThat(sync.store.deleted(victimKey))
        .extracting(Resource::resourceKey)
        .noneMatch(key -> failing.covers(ResourceKey.parse(key)));
    assertThat(sync.store.live(victimKey)).extracting(Resource::resourceId).contains(gone.id());
    long deletedInFailingScope =
        change.deleted().stream()
            .filter(r -> r.accountId().equals(gone.accountId()))
            .filter(r -> r.region().equals(gone.region()))
            .filter(r -> r.type() == EC2_INSTANCE)
            .count();
    assertThat(tombstoned).isEqualTo(change.deleted().size() - deletedInFailingScope);
    for (AwsAccount account : sandbox.estate().accounts()) {
      if (!account.accountId().equals(gone.accountId())) {
        assertThat(ExpectedInventory.observed(sync.store.live(SandboxSync.key(account))))
            .containsExactlyInAnyOrderEntriesOf(ExpectedInventory.of(account));
      }
    }
  }

  @Test
  void sync_underThirtyPercentThrottling_endsWithTheSameStoreAsWithoutFaults() {
    AwsSourceSettings patient =
        SandboxSync.FAST.withClients(
            AwsClientSettings.defaults()
                .withMaxAttempts(10)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));
    sandbox.faults().replace(FaultPlan.parse("*:throttle=0.3"));
    SandboxSync throttled = new SandboxSync();
    for (AwsAccount account : sandbox.estate().accounts()) {
      try (AwsInventorySource source = sessions.source(account, patient)) {
        assertThat(throttled.sync(account, source).status()).isEqualTo(SyncStatus.SUCCEEDED);
      }
    }
    long injected = sandbox.counters().snapshot().stream().mapToLong(c -> c.injectedFaults()).sum();
    sandbox.faults().replace(FaultPlan.none());

    SandboxSync calm = new SandboxSync();
    for (AwsAccount account : sandbox.estate().accounts()) {
      try (AwsInventorySource source = sessions.source(account, patient)) {
        calm.sync(account, source);
      }
    }

    assertThat(injected).isPositive();
    for (AwsAccount account : sandbox.estate().accounts()) {
      AccountKey key = SandboxSync.key(account);
      assertThat(ExpectedInventory.observed(throttled.store.live(key)))
          .isEqualTo(ExpectedInventory.observed(calm.store.live(key)))
          .containsExactlyInAnyOrderEntriesOf(ExpectedInventory.of(account));
    }
  }

  @Test
  void sync_withWrongExternalId_failsTheAccountAsAccessDeniedAndTombstonesNothing() {
    AwsAccount guarded =
        sandbox.estate().accounts().stream()
            .filter(a -> a.requiredExternalId().isPresent())
            .findFirst()
            .orElseThrow();
    SandboxSync sync = new SandboxSync();
    try (AwsInventorySource source = sessions.source(guarded, SandboxSync.FAST)) {
      sync.sync(guarded, source);
    }
    int stored = sync.store.live(SandboxSync.key(guarded)).size();
    sync.store.resetCounts();

    try (AwsInventorySource wrong =
        AwsInventorySource.create(
            sessions.session(guarded, Optional.of("cl-ext-not-the-right-one")),
            sessions.resolver(),
            SandboxSync.FAST)) {
      assertThatThrownBy(() -> sync.sync(guarded, wrong))
          .isInstanceOfSatisfying(
              PermanentException.class,
              e -> {
                assertThat(e.reason()).isEqualTo("AccessDenied");
                // Failing before any listing call: the role is assumed first.
                assertThat(e.getMessage())
                    .startsWith("AssumeRole in session")
                    .contains(guarded.roleArn())
                    .doesNotContain("cl-ext-not-the-right-one")
                    .doesNotContain(sandbox.managementKeys().secretAccessKey());
              });
    }

    assertThat(sync.store.tombstones()).isZero();
    assertThat(sync.store.puts()).isZero();
    assertThat(sync.store.live(SandboxSync.key(guarded))).hasSize(stored);
    SyncRun run = sync.runs.find(sync.lastRequestId(), SandboxSync.key(guarded)).orElseThrow();
    assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(run.error()).startsWith("AccessDenied");
  }

  @Test
  void list_withoutExternalIdWhereOneIsRequired_throwsAccessDenied() {
    AwsAccount guarded =
        sandbox.estate().accounts().stream()
            .filter(a -> a.requiredExternalId().isPresent())
            .findFirst()
            .orElseThrow();
    try (AwsInventorySource source =
        AwsInventorySource.create(
            sessions.session(guarded, Optional.empty()), sessions.resolver(), SandboxSync.FAST)) {
      assertThatThrownBy(
              () -> source.list(SandboxSync.key(guarded), SandboxSync.ALL_TYPES, page -> {}))
          .isInstanceOfSatisfying(
              PermanentException.class, e -> assertThat(e.reason()).isEqualTo("AccessDenied"));
    }
  }

  @Test
  void list_whenRegionDiscoveryIsDenied_failsTheWholeListing() {
    AwsAccount account = sandbox.estate().accounts().getFirst();
    sandbox.faults().replace(FaultPlan.parse("DescribeRegions@" + account.accountId() + ":deny"));
    try (AwsInventorySource source = sessions.source(account, SandboxSync.FAST)) {
      assertThatThrownBy(
              () -> source.list(SandboxSync.key(account), SandboxSync.ALL_TYPES, page -> {}))
          .isInstanceOfSatisfying(
              PermanentException.class,
              e -> {
                assertThat(e.reason()).isEqualTo("UnauthorizedOperation");
                assertThat(e.getMessage()).contains("DescribeRegions", account.accountId());
              });
    }
  }

  @Test
  void list_whenAConfiguredRegionIsNotEnabled_failsThatRegionAsAuthFailureOnly() {
    AwsAccount account = sandbox.estate().accounts().getFirst();
    String disabled =
        io.cloudledger.sandbox.estate.AwsRegion.ALL.stream()
            .map(io.cloudledger.sandbox.estate.AwsRegion::name)
            .filter(name -> !account.enabledRegions().contains(name))
            .findFirst()
            .orElseThrow();
    try (AwsInventorySource source =
        AwsInventorySource.create(
            sessions.session(account, Optional.empty(), "[us-east-1, " + disabled + "]"),
            sessions.resolver(),
            SandboxSync.FAST)) {
      ListingReport report =
          source.list(SandboxSync.key(account), Set.of(ResourceType.VM), page -> {});

      // EC2 answers 401 without a body here: the status alone says AuthFailure.
      assertThat(report.outcomes())
          .extracting(ScopeOutcome::scope, ScopeOutcome::status)
          .containsExactly(
              tuple(Scope.of("us-east-1", ResourceType.VM), ListingStatus.COMPLETE),
              tuple(Scope.of(disabled, ResourceType.VM), ListingStatus.FAILED));
      assertThat(report.outcomes().get(1).reason()).startsWith("AuthFailure");
    }
  }

  @Test
  void list_whenAskedForAnotherAccount_refusesPermanently() {
    AwsAccount account = sandbox.estate().accounts().getFirst();
    AwsAccount other = sandbox.estate().accounts().get(1);
    try (AwsInventorySource source = sessions.source(account, SandboxSync.FAST)) {
      assertThatThrownBy(
              () -> source.list(SandboxSync.key(other), SandboxSync.ALL_TYPES, page -> {}))
          .isInstanceOfSatisfying(
              PermanentException.class, e -> assertThat(e.reason()).isEqualTo("account-mismatch"));
    }
  }
}
