package io.cloudledger.core.sync;

import static io.cloudledger.core.model.Observations.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ListingStatus;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.inventory.RecordingInventoryStore;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeListings;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.inventory.ScopeStatus;
import io.cloudledger.core.inventory.Tombstone;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Observations;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
  private static final AccountKey ACCOUNT = AccountKey.parse("aws#123456789012");
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Scope US_VM = Scope.of("us-east-1", ResourceType.VM);
  private static final Scope EU_VM = Scope.of("eu-west-1", ResourceType.VM);
  private static final Set<ResourceType> VMS = Set.of(ResourceType.VM);

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryInventoryStore memory = new InMemoryInventoryStore(clock);
  private final RecordingInventoryStore store = new RecordingInventoryStore(memory);
  private final InMemorySyncRunStore runs = new InMemorySyncRunStore();
  private final SyncEngine engine =
      new SyncEngine(store, runs, clock, SyncSettings.defaults().withFlushSize(3));

  private int requests;

  private SyncResult sync(ScriptedInventorySource source) {
    return sync(source, VMS);
  }

  private SyncResult sync(ScriptedInventorySource source, Set<ResourceType> types) {
    store.clearRecording();
    return engine.sync(new SyncTarget("req-" + ++requests, ACCOUNT, types, "schedule"), source);
  }

  private static List<ResourceObservation> threeVms() {
    return List.of(vm("us-east-1", "i-1"), vm("us-east-1", "i-2"), vm("eu-west-1", "i-3"));
  }

  private Optional<Resource> stored(String resourceKey) {
    return memory
        .query(InventoryQuery.account(ACCOUNT).includingDeleted())
        .filter(r -> r.resourceKey().equals(resourceKey))
        .findFirst();
  }

  private List<String> liveKeys() {
    return memory.query(InventoryQuery.account(ACCOUNT)).map(Resource::resourceKey).toList();
  }

  @Test
  void sync_onFirstRun_createsEveryResource() {
    SyncResult result = sync(ScriptedInventorySource.completeListing(threeVms()));

    assertThat(result.status()).isEqualTo(SyncStatus.SUCCEEDED);
    assertThat(result.counts()).isEqualTo(new SyncCounts(3, 3, 0, 0, 0, 0));
    assertThat(store.putCount()).isEqualTo(3);
    assertThat(liveKeys())
        .containsExactly("vm#eu-west-1#i-3", "vm#us-east-1#i-1", "vm#us-east-1#i-2");
    Resource first = stored("vm#us-east-1#i-1").orElseThrow();
    assertThat(first.firstSeen()).isEqualTo(T0);
    assertThat(first.lastChanged()).isEqualTo(T0);
    assertThat(first.deletedAt()).isNull();
    assertThat(first.tags()).containsEntry("env", "prod");
  }

  @Test
  void sync_whenScopesEndAsTheirRecordsSay_rewritesTheRecordsOnlyOnceTheyAreAnHourOld() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    assertThat(store.savedScopes()).extracting(ScopeStatus::scope).containsOnly(US_VM, EU_VM);

    clock.advance(Duration.ofMinutes(10));
    sync(ScriptedInventorySource.completeListing(threeVms()));
    assertThat(store.savedScopes()).isEmpty();
    assertThat(stored("vm#us-east-1#i-1").orElseThrow().lastSeen()).isEqualTo(T0);

    clock.advance(Duration.ofMinutes(50));
    sync(ScriptedInventorySource.completeListing(threeVms()));
    assertThat(store.savedScopes()).hasSize(2);
    assertThat(stored("vm#us-east-1#i-1").orElseThrow().lastSeen())
        .isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void sync_whenAScopeChangesItsItemCount_rewritesThatScopeRecordOnly() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofMinutes(10));
    List<ResourceObservation> more = new java.util.ArrayList<>(threeVms());
    more.add(vm("eu-west-1", "i-4"));

    sync(ScriptedInventorySource.completeListing(more));

    assertThat(store.savedScopes()).extracting(ScopeStatus::scope).containsExactly(EU_VM);
  }

  @Test
  void sync_whenAnEmptyScopeListsCompletelyForTheFirstTime_savesNoRecordForIt() {
    sync(
        new ScriptedInventorySource()
            .page(US_VM, vm("us-east-1", "i-1"))
            .complete(US_VM)
            .complete(EU_VM));

    assertThat(store.savedScopes()).extracting(ScopeStatus::scope).containsExactly(US_VM);
  }

  @Test
  void sync_whenAFailedScopeFailsAgainForTheSameReason_keepsItsRecord() {
    ScriptedInventorySource failing =
        new ScriptedInventorySource()
            .page(US_VM, vm("us-east-1", "i-1"))
            .complete(US_VM)
            .failed(EU_VM, "AccessDenied");
    sync(failing);
    clock.advance(Duration.ofMinutes(10));

    sync(
        new ScriptedInventorySource()
            .page(US_VM, vm("us-east-1", "i-1"))
            .complete(US_VM)
            .failed(EU_VM, "AccessDenied"));

    assertThat(store.savedScopes()).isEmpty();
  }

  @Test
  void sync_whenListingIsIdentical_writesNothing() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofHours(1));

    SyncResult second = sync(ScriptedInventorySource.completeListing(threeVms()));

    assertThat(second.counts()).isEqualTo(new SyncCounts(3, 0, 0, 3, 0, 0));
    assertThat(store.applied()).isEmpty();
    assertThat(store.putCount()).isZero();
    assertThat(store.tombstoneCount()).isZero();
  }

  @Test
  void sync_whenOneTagChanges_rewritesExactlyThatResourceAndKeepsFirstSeen() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofHours(1));
    List<ResourceObservation> changed =
        List.of(
            vm("us-east-1", "i-1", Map.of("env", "staging")),
            vm("us-east-1", "i-2"),
            vm("eu-west-1", "i-3"));

    SyncResult second = sync(ScriptedInventorySource.completeListing(changed));

    assertThat(second.counts()).isEqualTo(new SyncCounts(3, 0, 1, 2, 0, 0));
    assertThat(store.putCount()).isEqualTo(1);
    Resource rewritten = stored("vm#us-east-1#i-1").orElseThrow();
    assertThat(rewritten.tags()).containsExactly(Map.entry("env", "staging"));
    assertThat(rewritten.firstSeen()).isEqualTo(T0);
    assertThat(rewritten.lastChanged()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void sync_whenOnlyTagOrderChanges_findsNothingChanged() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    sync(ScriptedInventorySource.completeListing(List.of(vm("us-east-1", "i-1", ab))));

    SyncResult second =
        sync(ScriptedInventorySource.completeListing(List.of(vm("us-east-1", "i-1", ba))));

    assertThat(second.counts().changed()).isZero();
    assertThat(second.counts().unchanged()).isEqualTo(1);
    assertThat(store.applied()).isEmpty();
  }

  @Test
  void sync_whenResourceIsAbsentFromCompleteScope_tombstonesItWithTtl() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofDays(1));
    Instant now = clock.instant();

    SyncResult second =
        sync(
            ScriptedInventorySource.completeListing(
                List.of(vm("us-east-1", "i-1"), vm("eu-west-1", "i-3"))));

    assertThat(second.counts().tombstoned()).isEqualTo(1);
    assertThat(second.counts(ResourceType.VM).tombstoned()).isEqualTo(1);
    assertThat(store.tombstones())
        .containsExactly(
            new Tombstone(
                "vm#us-east-1#i-2", now, now.plus(Duration.ofDays(30)).getEpochSecond(), T0));
    Resource gone = stored("vm#us-east-1#i-2").orElseThrow();
    assertThat(gone.deletedAt()).isEqualTo(now);
    assertThat(gone.lastChanged()).isEqualTo(now);
    assertThat(liveKeys()).containsExactly("vm#eu-west-1#i-3", "vm#us-east-1#i-1");
  }

  @Test
  void sync_whenTombstoneRetentionPasses_storeDropsTheItem() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    sync(
        ScriptedInventorySource.completeListing(
            List.of(vm("us-east-1", "i-1"), vm("eu-west-1", "i-3"))));
    assertThat(stored("vm#us-east-1#i-2")).get().extracting(Resource::deleted).isEqualTo(true);

    clock.advance(Duration.ofDays(30).plusSeconds(1));

    assertThat(stored("vm#us-east-1#i-2")).isEmpty();
    assertThat(memory.hashes(ACCOUNT)).containsOnlyKeys("vm#us-east-1#i-1", "vm#eu-west-1#i-3");
  }

  @Test
  void sync_whenScopeFailed_tombstonesNothingInItAndReportsTheReason() {
    sync(ScriptedInventorySource.completeListing(threeVms()));

    SyncResult second =
        sync(
            new ScriptedInventorySource()
                .failed(US_VM, "throttled: DescribeInstances")
                .page(EU_VM, vm("eu-west-1", "i-3"))
                .complete(EU_VM));

    assertThat(second.status()).isEqualTo(SyncStatus.PARTIAL);
    assertThat(second.counts().tombstoned()).isZero();
    assertThat(second.failedScopes())
        .containsExactly(ScopeOutcome.failed(US_VM, "throttled: DescribeInstances"));
    assertThat(liveKeys()).hasSize(3);
    assertThat(store.tombstoneCount()).isZero();
  }

  @Test
  void sync_whenScopeWasPartial_tombstonesNothingInIt() {
    sync(ScriptedInventorySource.completeListing(threeVms()));

    SyncResult second =
        sync(
            new ScriptedInventorySource()
                .page(US_VM, vm("us-east-1", "i-1"))
                .partial(US_VM, "page 2 failed")
                .page(EU_VM, vm("eu-west-1", "i-3"))
                .complete(EU_VM));

    assertThat(second.status()).isEqualTo(SyncStatus.PARTIAL);
    assertThat(second.counts().tombstoned()).isZero();
    assertThat(second.failedScopes())
        .extracting(ScopeOutcome::status)
        .containsOnly(ListingStatus.PARTIAL);
    assertThat(liveKeys()).contains("vm#us-east-1#i-2");
  }

  @Test
  void sync_whenScopeSentPagesButNoOutcome_treatsItAsPartial() {
    sync(ScriptedInventorySource.completeListing(threeVms()));

    SyncResult second = sync(new ScriptedInventorySource().page(US_VM, vm("us-east-1", "i-1")));

    assertThat(second.status()).isEqualTo(SyncStatus.PARTIAL);
    assertThat(second.failedScopes()).extracting(ScopeOutcome::scope).containsExactly(US_VM);
    assertThat(second.counts().tombstoned()).isZero();
  }

  @Test
  void sync_whenScopeIsReportedBothCompleteAndFailed_keepsTheFailure() {
    sync(ScriptedInventorySource.completeListing(threeVms()));

    SyncResult second =
        sync(
            new ScriptedInventorySource()
                .page(US_VM, vm("us-east-1", "i-1"))
                .complete(US_VM)
                .failed(US_VM, "second pass failed"));

    assertThat(second.counts().tombstoned()).isZero();
    assertThat(second.failedScopes())
        .extracting(ScopeOutcome::reason)
        .containsExactly("second pass failed");
  }

  @Test
  void sync_whenScopeWasNotListedThisRun_tombstonesNothingInIt() {
    sync(ScriptedInventorySource.completeListing(threeVms()));

    // eu-west-1 is not listed at all (e.g. the region was disabled): its absence proves nothing.
    SyncResult second =
        sync(
            ScriptedInventorySource.completeListing(
                List.of(vm("us-east-1", "i-1"), vm("us-east-1", "i-2"))));

    assertThat(second.status()).isEqualTo(SyncStatus.SUCCEEDED);
    assertThat(second.counts().tombstoned()).isZero();
    assertThat(liveKeys()).contains("vm#eu-west-1#i-3");
  }

  @Test
  void sync_whenTypeWasNotRequested_tombstonesNothingOfThatType() {
    Scope usStorage = Scope.of("us-east-1", ResourceType.STORAGE);
    ResourceObservation bucket = Observations.of(ResourceType.STORAGE, "us-east-1", "logs");
    sync(
        ScriptedInventorySource.completeListing(List.of(vm("us-east-1", "i-1"), bucket)),
        Set.of(ResourceType.VM, ResourceType.STORAGE));

    SyncResult vmsOnly =
        sync(
            new ScriptedInventorySource()
                .page(US_VM, vm("us-east-1", "i-1"))
                .complete(US_VM)
                .complete(usStorage), // a stray outcome for an unrequested type is ignored
            VMS);

    assertThat(vmsOnly.counts().tombstoned()).isZero();
    assertThat(liveKeys()).contains("storage#us-east-1#logs");
  }

  @Test
  void sync_whenAllRegionsScopeIsComplete_tombstonesAbsentResourcesOfEveryRegion() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    Scope allVms = Scope.allRegions(ResourceType.VM);

    SyncResult second =
        sync(new ScriptedInventorySource().page(allVms, vm("us-east-1", "i-1")).complete(allVms));

    assertThat(second.counts().tombstoned()).isEqualTo(2);
    assertThat(liveKeys()).containsExactly("vm#us-east-1#i-1");
  }

  @Test
  void sync_whenRegionalScopeCompletesButAllRegionsScopeFailed_tombstonesNothingThere() {
    sync(ScriptedInventorySource.completeListing(threeVms()));

    SyncResult second =
        sync(
            new ScriptedInventorySource()
                .page(US_VM, vm("us-east-1", "i-1"))
                .complete(US_VM)
                .failed(Scope.allRegions(ResourceType.VM), "aggregated list failed"));

    assertThat(second.counts().tombstoned()).isZero();
  }

  @Test
  void sync_whenTombstonedResourceReappears_createsItAgain() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofHours(1));
    sync(
        ScriptedInventorySource.completeListing(
            List.of(vm("us-east-1", "i-1"), vm("eu-west-1", "i-3"))));
    clock.advance(Duration.ofHours(1));

    SyncResult third = sync(ScriptedInventorySource.completeListing(threeVms()));

    assertThat(third.counts()).isEqualTo(new SyncCounts(3, 1, 0, 2, 0, 0));
    Resource back = stored("vm#us-east-1#i-2").orElseThrow();
    assertThat(back.deletedAt()).isNull();
    assertThat(back.firstSeen()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(liveKeys()).hasSize(3);
  }

  @Test
  void sync_whenListingRepeatsAResource_countsItOnceAndKeepsTheFirst() {
    SyncResult result =
        sync(
            new ScriptedInventorySource()
                .page(US_VM, vm("us-east-1", "i-1", Map.of("copy", "first")))
                .page(US_VM, vm("us-east-1", "i-1", Map.of("copy", "second")))
                .complete(US_VM));

    assertThat(result.counts()).isEqualTo(new SyncCounts(1, 1, 0, 0, 0, 1));
    assertThat(store.putCount()).isEqualTo(1);
    assertThat(stored("vm#us-east-1#i-1").orElseThrow().tags()).containsEntry("copy", "first");
  }

  @Test
  void sync_whenSourceThrowsRetryableMidListing_propagatesTombstonesNothingAndRecordsFailure() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    ScriptedInventorySource throttled =
        new ScriptedInventorySource()
            .page(US_VM, vm("us-east-1", "i-1"))
            .complete(US_VM)
            .page(EU_VM, vm("eu-west-1", "i-9"))
            .failAfterPages(1, () -> new RetryableException("throttled", "AssumeRole throttled"));

    assertThatThrownBy(() -> sync(throttled))
        .isInstanceOf(RetryableException.class)
        .hasMessage("AssumeRole throttled");

    assertThat(store.tombstoneCount()).isZero();
    assertThat(liveKeys()).hasSize(3);
    SyncRun run = runs.find("req-2", ACCOUNT).orElseThrow();
    assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(run.error()).isEqualTo("throttled: AssumeRole throttled");
    assertThat(run.counts().seen()).isEqualTo(1);
  }

  @Test
  void sync_whenSourceThrowsPermanent_propagatesAndRecordsFailure() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    ScriptedInventorySource denied =
        new ScriptedInventorySource()
            .failAfterPages(0, () -> new PermanentException("access-denied", "role not assumable"));

    assertThatThrownBy(() -> sync(denied)).isInstanceOf(PermanentException.class);

    assertThat(runs.find("req-2", ACCOUNT).orElseThrow().status()).isEqualTo(SyncStatus.FAILED);
    assertThat(liveKeys()).hasSize(3);
    assertThat(store.applied()).isEmpty();
  }

  @Test
  void sync_whenStoreFailsWhileWriting_stopsTheSourceAndPropagates() {
    List<ResourceObservation> many =
        List.of(
            vm("us-east-1", "i-1"),
            vm("us-east-1", "i-2"),
            vm("us-east-1", "i-3"),
            vm("us-east-1", "i-4"));
    ScriptedInventorySource source =
        new ScriptedInventorySource()
            .page(US_VM, many.subList(0, 3))
            .page(US_VM, many.subList(3, 4))
            .complete(US_VM);
    store.failOnApply(1, () -> new RetryableException("throttled", "store throttled"));

    assertThatThrownBy(() -> engine.sync(new SyncTarget("req-x", ACCOUNT, VMS, "schedule"), source))
        .isInstanceOf(RetryableException.class)
        .hasMessage("store throttled");

    assertThat(source.pagesDelivered()).isZero();
    assertThat(source.pagesRejected()).isEqualTo(1);
    assertThat(runs.find("req-x", ACCOUNT).orElseThrow().error())
        .isEqualTo("throttled: store throttled");
  }

  @Test
  void sync_whenSourceSendsUnrequestedType_failsTheRun() {
    ScriptedInventorySource stray =
        new ScriptedInventorySource()
            .page(
                Scope.of("us-east-1", ResourceType.STORAGE),
                Observations.of(ResourceType.STORAGE, "us-east-1", "b"));

    assertThatThrownBy(() -> sync(stray))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage resources of aws#123456789012");

    assertThat(liveKeys()).isEmpty();
    assertThat(runs.find("req-1", ACCOUNT).orElseThrow().status()).isEqualTo(SyncStatus.FAILED);
  }

  @Test
  void sync_recordsRunWithCountsScopesAndApiCalls() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofMinutes(5));
    Instant started = clock.instant();

    sync(
        new ScriptedInventorySource()
            .page(US_VM, vm("us-east-1", "i-1", Map.of("env", "dev")), vm("us-east-1", "i-4"))
            .complete(US_VM)
            .failed(EU_VM, "InternalError")
            .apiCalls(7));

    SyncRun run = runs.find("req-2", ACCOUNT).orElseThrow();
    assertThat(run.status()).isEqualTo(SyncStatus.PARTIAL);
    assertThat(run.trigger()).isEqualTo("schedule");
    assertThat(run.types()).containsExactly(ResourceType.VM);
    assertThat(run.startedAt()).isEqualTo(started);
    assertThat(run.finishedAt()).isEqualTo(started);
    assertThat(run.counts()).isEqualTo(new SyncCounts(2, 1, 1, 0, 1, 0));
    assertThat(run.failedScopes()).containsExactly(ScopeOutcome.failed(EU_VM, "InternalError"));
    assertThat(run.apiCalls()).isEqualTo(7);
    assertThat(run.error()).isEmpty();
    assertThat(runs.findByRequestId("req-2")).containsExactly(run);
  }

  @Test
  void sync_savesScopeStatusesAndKeepsLastCompleteTimeAcrossAFailure() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofHours(1));

    sync(new ScriptedInventorySource().failed(US_VM, "timeout").complete(EU_VM));

    Map<Scope, ScopeStatus> scopes = new LinkedHashMap<>();
    memory.scopes(ACCOUNT).forEach(s -> scopes.put(s.scope(), s));
    Instant later = T0.plus(Duration.ofHours(1));
    assertThat(scopes.get(US_VM))
        .isEqualTo(new ScopeStatus(US_VM, later, ListingStatus.FAILED, "timeout", 0, T0));
    assertThat(scopes.get(EU_VM))
        .isEqualTo(new ScopeStatus(EU_VM, later, ListingStatus.COMPLETE, "", 0, later));
  }

  @Test
  void query_derivesLastSeenFromScopeWithoutRewritingUnchangedResources() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofHours(6));

    sync(ScriptedInventorySource.completeListing(threeVms()));

    assertThat(store.applied()).isEmpty();
    assertThat(stored("vm#us-east-1#i-1").orElseThrow().lastSeen())
        .isEqualTo(T0.plus(Duration.ofHours(6)));
  }

  @Test
  void tombstone_keepsTheLastCompleteListingThatSawTheResourceAsLastSeen() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofHours(1));
    sync(ScriptedInventorySource.completeListing(threeVms()));
    clock.advance(Duration.ofHours(1));

    sync(ScriptedInventorySource.completeListing(List.of(vm("us-east-1", "i-1"))));

    Resource gone = stored("vm#us-east-1#i-2").orElseThrow();
    assertThat(gone.lastSeen()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(gone.deletedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
  }

  @Test
  void sync_whenPagesArriveFromSeveralThreads_countsAndStoresEveryResourceOnce() {
    ScriptedInventorySource source = new ScriptedInventorySource().concurrently(4);
    int id = 0;
    for (String region : List.of("us-east-1", "us-west-2", "eu-west-1", "ap-south-1")) {
      Scope scope = Scope.of(region, ResourceType.VM);
      for (int page = 0; page < 10; page++) {
        List<ResourceObservation> observations = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
          observations.add(vm(region, "i-" + id++));
        }
        source.page(scope, observations);
      }
      source.complete(scope);
    }

    SyncResult result = sync(source);

    assertThat(result.counts()).isEqualTo(new SyncCounts(1000, 1000, 0, 0, 0, 0));
    assertThat(liveKeys()).hasSize(1000);
    assertThat(store.largestChangeSet()).isLessThanOrEqualTo(3);
  }

  @Test
  void target_withoutResourceTypes_isRejected() {
    assertThatThrownBy(() -> new SyncTarget("req", ACCOUNT, Set.of(), "manual"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a sync of aws#123456789012 needs at least one resource type");
  }

  @Test
  void sync_whenConnectorHitsPermanentErrorInOneRegion_failsThatScopeAndTombstonesTheOthers() {
    sync(ScriptedInventorySource.completeListing(threeVms()));
    // A connector built on ScopeListings: regions in parallel, eu-west-1 denied.
    InventorySource connector =
        (account, types, sink) ->
            ListingReport.of(
                ScopeListings.listAll(
                    List.of(US_VM, EU_VM),
                    2,
                    (scope, scopeSink) -> {
                      if (scope.equals(EU_VM)) {
                        throw new PermanentException("UnauthorizedOperation", "region disabled");
                      }
                      scopeSink.accept(ResourcePage.of(scope, List.of(vm("us-east-1", "i-1"))));
                      return ScopeOutcome.complete(scope);
                    },
                    sink));

    store.clearRecording();
    SyncResult result = engine.sync(new SyncTarget("req-c", ACCOUNT, VMS, "schedule"), connector);

    assertThat(result.status()).isEqualTo(SyncStatus.PARTIAL);
    assertThat(result.failedScopes())
        .containsExactly(ScopeOutcome.failed(EU_VM, "UnauthorizedOperation: region disabled"));
    assertThat(result.counts().tombstoned()).isEqualTo(1);
    assertThat(liveKeys()).containsExactly("vm#eu-west-1#i-3", "vm#us-east-1#i-1");
  }
}
