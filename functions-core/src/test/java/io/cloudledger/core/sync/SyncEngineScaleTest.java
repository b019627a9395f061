package io.cloudledger.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.MutableClock;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.RecordingInventoryStore;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncEngineScaleTest {
  private static final AccountKey ACCOUNT = AccountKey.parse("aws#210987654321");
  private static final int PAGES = 100;
  private static final int PAGE_SIZE = 1_000;
  private static final int FLUSH = 500;

  /**
   * Generates 100 000 observations lazily in 100 pages over 10 regional scopes, and records how
   * many change sets the store had received before each page: the engine must write while the
   * listing runs, in change sets of at most {@link #FLUSH}, instead of buffering the account.
   */
  private static final class GeneratedSource implements InventorySource {
    private final RecordingInventoryStore store;
    private final List<Integer> appliedBeforePage = new ArrayList<>();

    GeneratedSource(RecordingInventoryStore store) {
      this.store = store;
    }

    @Override
    public ListingReport list(AccountKey account, Set<ResourceType> types, PageSink sink) {
      List<ScopeOutcome> outcomes = new ArrayList<>();
      int pagesPerScope = PAGES / 10;
      for (int region = 0; region < 10; region++) {
        Scope scope = Scope.of("region-" + region, ResourceType.VM);
        for (int page = 0; page < pagesPerScope; page++) {
          appliedBeforePage.add(store.applied().size());
          sink.accept(ResourcePage.of(scope, page(scope, region * pagesPerScope + page)));
        }
        outcomes.add(ScopeOutcome.complete(scope));
      }
      return new ListingReport(outcomes, PAGES);
    }

    private static List<ResourceObservation> page(Scope scope, int pageNumber) {
      List<ResourceObservation> observations = new ArrayList<>(PAGE_SIZE);
      for (int i = 0; i < PAGE_SIZE; i++) {
        String id = "i-" + (pageNumber * PAGE_SIZE + i);
        observations.add(
            new ResourceObservation(
                ResourceType.VM,
                scope.region(),
                id,
                "vm-" + id,
                ResourceStatus.RUNNING,
                "running",
                Map.of("env", "prod", "team", "t" + (i % 17)),
                Map.of("instanceType", "m5.large")));
      }
      return observations;
    }
  }

  @Test
  void sync_ofLargeListing_streamsBoundedChangeSetsAndRewritesNothingNextTime() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    RecordingInventoryStore store = new RecordingInventoryStore(new InMemoryInventoryStore(clock));
    SyncEngine engine =
        new SyncEngine(
            store, new InMemorySyncRunStore(), clock, SyncSettings.defaults().withFlushSize(FLUSH));
    GeneratedSource first = new GeneratedSource(store);

    long started = System.nanoTime();
    SyncResult created =
        engine.sync(new SyncTarget("big-1", ACCOUNT, Set.of(ResourceType.VM), "bench"), first);
    long firstMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(created.counts().created()).isEqualTo(PAGES * PAGE_SIZE);
    assertThat(store.largestChangeSet()).isEqualTo(FLUSH);
    assertThat(store.applied()).hasSize(PAGES * PAGE_SIZE / FLUSH);
    for (int page = 0; page < PAGES; page++) {
      // Each 1 000-item page fills exactly two change sets, written before the next page arrives.
      assertThat(first.appliedBeforePage.get(page))
          .as("applies before page %d", page)
          .isEqualTo(2 * page);
    }

    clock.advance(Duration.ofHours(1));
    store.clearRecording();
    started = System.nanoTime();
    SyncResult again =
        engine.sync(
            new SyncTarget("big-2", ACCOUNT, Set.of(ResourceType.VM), "bench"),
            new GeneratedSource(store));
    long secondMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(again.counts().unchanged()).isEqualTo(PAGES * PAGE_SIZE);
    assertThat(store.applied()).isEmpty();
    clock.advance(Duration.ofHours(1));
    started = System.nanoTime();
    engine.sync(
        new SyncTarget("big-3", ACCOUNT, Set.of(ResourceType.VM), "bench"),
        new GeneratedSource(store));
    long warmMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(store.applied()).isEmpty();
    System.out.printf(
        "100000 observations: first sync %d ms (100000 puts in %d change sets),"
            + " unchanged re-sync %d ms and %d ms warm (0 writes)%n",
        firstMillis, PAGES * PAGE_SIZE / FLUSH, secondMillis, warmMillis);
  }
}
