package io.cloudledger.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncRunnerTest {
  private final InMemoryInventoryStore store = InMemoryInventoryStore.create();
  private final SyncEngine engine =
      new SyncEngine(store, new InMemorySyncRunStore(), Clock.systemUTC(), SyncSettings.defaults());

  /** Lists {@code count} running VMs in us-east-1, slowly enough for accounts to overlap. */
  private static InventorySource vms(int count, AtomicInteger concurrent, AtomicInteger peak) {
    return (account, types, sink) -> {
      peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
        Scope scope = Scope.of("us-east-1", ResourceType.VM);
        List<ResourceObservation> page = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          page.add(
              new ResourceObservation(
                  ResourceType.VM,
                  "us-east-1",
                  "i-" + i,
                  "vm" + i,
                  ResourceStatus.RUNNING,
                  "running",
                  Map.of(),
                  Map.of()));
        }
        sink.accept(ResourcePage.of(scope, page));
        return new ListingReport(List.of(ScopeOutcome.complete(scope)), 1);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        concurrent.decrementAndGet();
      }
    };
  }

  private static AccountKey aws(int n) {
    return AccountKey.of(Provider.AWS, "%012d".formatted(n));
  }

  @Test
  void run_syncsAccountsConcurrentlyWithinTheBound_andIsolatesAFailure() {
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<AccountJob> jobs = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      jobs.add(new AccountJob(aws(i), vms(10, concurrent, peak)));
    }
    jobs.add(
        new AccountJob(
            aws(7),
            (account, types, sink) -> {
              throw new PermanentException("AccessDenied", "cannot assume the role of " + account);
            }));
    StringWriter progress = new StringWriter();

    SyncReport report =
        new SyncRunner(engine, 3, Clock.systemUTC())
            .run(
                "req-1",
                jobs,
                Set.of(ResourceType.VM),
                "cli",
                new LineProgress(new PrintWriter(progress)));

    assertThat(peak.get()).isBetween(2, 3);
    assertThat(report.accounts()).hasSize(7);
    assertThat(report.totals().created()).isEqualTo(60);
    assertThat(report.apiCalls()).isEqualTo(6);
    assertThat(report.resourcesPerProvider()).containsEntry(Provider.AWS, 60L);
    assertThat(report.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.describe()).contains("cannot assume the role"));
    assertThat(report.succeeded()).isFalse();
    assertThat(progress.toString()).contains("syncing 7 accounts").contains("[7/7]");
  }

  @Test
  void rerun_withNoChange_isAllUnchanged() {
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<AccountJob> jobs = List.of(new AccountJob(aws(1), vms(5, concurrent, peak)));
    SyncRunner runner = new SyncRunner(engine, 2, Clock.systemUTC());
    runner.run("r1", jobs, Set.of(ResourceType.VM), "cli", SyncProgress.NONE);

    SyncReport second = runner.run("r2", jobs, Set.of(ResourceType.VM), "cli", SyncProgress.NONE);

    assertThat(second.totals().unchanged()).isEqualTo(5);
    assertThat(second.totals().writes()).isZero();
    assertThat(second.succeeded()).isTrue();
  }
}
