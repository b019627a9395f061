package io.cloudledger.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventoryQuery;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.inventory.RecordingInventoryStore;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of listings — complete, partial, failed, silent or absent scopes, small flush
 * sizes, changing content — must leave the store equal to a plain model: every resource seen holds
 * its latest content, and a resource is tombstoned exactly when a complete listing of its scope
 * later missed it while no failed or partial listing of that scope happened in the same run.
 */
class SyncEngineProperties {
  private static final AccountKey ACCOUNT = AccountKey.parse("gcp#property-project");
  private static final List<String> REGIONS = List.of("r1", "r2");
  private static final List<ResourceType> TYPES = List.of(ResourceType.VM, ResourceType.SUBNET);
  private static final List<String> IDS = List.of("a", "b", "c", "d", "e");

  enum Mode {
    COMPLETE,
    PARTIAL,
    FAILED,
    /** Sends pages but no outcome; the engine must treat it as partial. */
    SILENT,
    /** Not listed at all this run. */
    ABSENT
  }

  /**
   * One scope's listing in one run: how it ends and which ids (with a content variant) it sends.
   */
  record ScopeScript(Scope scope, Mode mode, Map<String, Integer> present) {}

  record RunScript(Set<ResourceType> types, List<ScopeScript> scopes, int flushSize) {}

  /** What the model expects of one stored resource. */
  record Expected(int variant, boolean deleted) {}

  @Property(tries = 300)
  void randomListings_leaveTheStoreEqualToTheModel(
      @ForAll("runSequences") List<RunScript> sequence) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    RecordingInventoryStore store = new RecordingInventoryStore(new InMemoryInventoryStore(clock));
    InMemorySyncRunStore runs = new InMemorySyncRunStore();
    Map<String, Expected> model = new TreeMap<>();

    int runNumber = 0;
    for (RunScript run : sequence) {
      clock.advance(Duration.ofHours(1));
      store.clearRecording();
      SyncEngine engine =
          new SyncEngine(
              store, runs, clock, SyncSettings.defaults().withFlushSize(run.flushSize()));

      SyncResult result =
          engine.sync(
              new SyncTarget("run-" + ++runNumber, ACCOUNT, run.types(), "property"), source(run));

      long tombstonesExpected = advanceModel(model, run);
      assertThat(actual(store)).as("store after run %d", runNumber).isEqualTo(model);
      assertThat(result.counts().tombstoned()).isEqualTo(tombstonesExpected);
      assertThat(store.putCount()).isEqualTo(result.counts().created() + result.counts().changed());
      assertThat(store.tombstoneCount()).isEqualTo(result.counts().tombstoned());
      assertThat(store.largestChangeSet()).isLessThanOrEqualTo(run.flushSize());
      for (ScopeScript scope : run.scopes()) {
        if (listed(run, scope) && scope.mode() == Mode.COMPLETE) {
          // The last complete listing of a scope is exactly what is live in it.
          assertThat(liveIdsIn(store, scope.scope())).isEqualTo(scope.present().keySet());
        }
      }
    }
  }

  private static ScriptedInventorySource source(RunScript run) {
    ScriptedInventorySource source = new ScriptedInventorySource();
    for (ScopeScript scope : run.scopes()) {
      if (!listed(run, scope)) {
        continue;
      }
      // One page per resource, so flushes fall between and within pages alike.
      scope
          .present()
          .forEach((id, variant) -> source.page(scope.scope(), observation(scope, id, variant)));
      switch (scope.mode()) {
        case COMPLETE -> source.complete(scope.scope());
        case PARTIAL -> source.partial(scope.scope(), "stopped early");
        case FAILED -> source.failed(scope.scope(), "failed");
        case SILENT, ABSENT -> {}
      }
    }
    return source;
  }

  private static boolean listed(RunScript run, ScopeScript scope) {
    return scope.mode() != Mode.ABSENT && run.types().contains(scope.scope().type());
  }

  /** Applies one run to the model; returns how many tombstones it implies. */
  private static long advanceModel(Map<String, Expected> model, RunScript run) {
    Map<String, Integer> seen = new HashMap<>();
    for (ScopeScript scope : run.scopes()) {
      if (listed(run, scope)) {
        scope.present().forEach((id, variant) -> seen.put(key(scope.scope(), id), variant));
      }
    }
    seen.forEach((key, variant) -> model.put(key, new Expected(variant, false)));
    long tombstones = 0;
    for (ScopeScript scope : run.scopes()) {
      if (!listed(run, scope) || scope.mode() != Mode.COMPLETE) {
        continue;
      }
      for (String id : IDS) {
        String key = key(scope.scope(), id);
        Expected stored = model.get(key);
        if (stored != null && !stored.deleted() && !seen.containsKey(key)) {
          model.put(key, new Expected(stored.variant(), true));
          tombstones++;
        }
      }
    }
    return tombstones;
  }

  private static Map<String, Expected> actual(RecordingInventoryStore store) {
    Map<String, Expected> actual = new TreeMap<>();
    store
        .query(InventoryQuery.account(ACCOUNT).includingDeleted())
        .forEach(
            resource ->
                actual.put(
                    resource.resourceKey(),
                    new Expected(
                        Integer.parseInt(resource.tags().get("variant")), resource.deleted())));
    return actual;
  }

  private static Set<String> liveIdsIn(RecordingInventoryStore store, Scope scope) {
    return Set.copyOf(
        store
            .query(InventoryQuery.account(ACCOUNT))
            .filter(resource -> scope.covers(resource.region(), resource.type()))
            .map(Resource::resourceId)
            .toList());
  }

  private static ResourceObservation observation(ScopeScript scope, String id, int variant) {
    return new ResourceObservation(
        scope.scope().type(),
        scope.scope().region(),
        id,
        "name-" + id,
        ResourceStatus.AVAILABLE,
        "available",
        Map.of("variant", Integer.toString(variant)),
        Map.of());
  }

  private static String key(Scope scope, String id) {
    return scope.type().key() + "#" + scope.region() + "#" + id;
  }

  @Provide
  Arbitrary<List<RunScript>> runSequences() {
    return run().list().ofMinSize(1).ofMaxSize(6);
  }

  private Arbitrary<RunScript> run() {
    List<Arbitrary<ScopeScript>> scopes = new ArrayList<>();
    for (ResourceType type : TYPES) {
      for (String region : REGIONS) {
        scopes.add(scopeScript(Scope.of(region, type)));
      }
    }
    Arbitrary<Set<ResourceType>> types = Arbitraries.of(TYPES).set().ofMinSize(1);
    return Combinators.combine(
            types,
            Combinators.combine(scopes).as(List::copyOf),
            Arbitraries.integers().between(1, 4))
        .as(RunScript::new);
  }

  private static Arbitrary<ScopeScript> scopeScript(Scope scope) {
    Arbitrary<Map<String, Integer>> present =
        Arbitraries.maps(Arbitraries.of(IDS), Arbitraries.integers().between(0, 2))
            .ofMaxSize(IDS.size());
    return Combinators.combine(Arbitraries.of(Mode.class), present)
        .as((mode, ids) -> new ScopeScript(scope, mode, ids));
  }
}
