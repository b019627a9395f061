package io.cloudledger.aws.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.dispatch.InMemoryDispatcher;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.inventory.CountingInventoryStore;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.worker.InventoryKindSync;
import io.cloudledger.core.worker.SyncWorker;
import io.cloudledger.core.worker.WorkResult;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A large account synced by workers with a short time budget: each part lists scopes until its
 * deadline, checkpoints them and sends the rest as the next part; every message is delivered twice.
 * The store ends exactly as after one unlimited sync, and deletions are tombstoned across parts.
 * The size is {@code -Dcloudledger.workunits.resources} (default 2 000; the bench records 200 000).
 */
class WorkUnitsTest {
  private static final int RESOURCES = Integer.getInteger("cloudledger.workunits.resources", 2000);
  private static final Duration BUDGET = Duration.ofMillis(150);

  private static Sandbox sandbox;
  private static AwsAccount account;
  private static SandboxSessions sessions;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(RESOURCES)
                // Every call takes at least 50 ms, so listing the account's scopes outlasts the
                // budget however fast the machine is: the number of parts does not hang on speed.
                .withFaults("*:latency=50"));
    account = sandbox.estate().accounts().getFirst();
    sessions = new SandboxSessions(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private record Run(int parts, int replayed, CountingInventoryStore store) {}

  private static AccountDirectory directory() {
    return new AccountDirectory() {
      @Override
      public List<AccountKey> accounts() {
        return List.of(SandboxSync.key(account));
      }

      @Override
      public <T> T withInventorySource(AccountKey key, Function<InventorySource, T> work) {
        try (AwsInventorySource source = sessions.source(account, SandboxSync.FAST)) {
          return work.apply(source);
        }
      }
    };
  }

  /** Processes the request and every continuation, each delivered twice, with {@code budget}. */
  private static Run syncInParts(CountingInventoryStore store, String requestId, Duration budget) {
    InMemoryDispatcher queue = new InMemoryDispatcher();
    SyncEngine engine =
        new SyncEngine(
            store,
            new InMemorySyncRunStore(),
            Clock.systemUTC(),
            SyncSettings.defaults().withFlushSize(50));
    SyncWorker worker =
        new SyncWorker(
            new Idempotency(
                new InMemoryIdempotencyStore(Clock.systemUTC()),
                Clock.systemUTC(),
                IdempotencySettings.forWorkerTimeout(Duration.ofMinutes(15))),
            Map.of(SyncKind.INVENTORY, new InventoryKindSync(engine, directory(), queue)));
    queue.dispatch(
        List.of(
            SyncRequest.of(
                requestId,
                SandboxSync.key(account),
                Set.of(SyncKind.INVENTORY),
                "test",
                Instant.now())));
    int parts = 0;
    int replayed = 0;
    List<SyncRequest> pending = queue.drain();
    while (!pending.isEmpty()) {
      for (SyncRequest request : pending) {
        WorkResult first = worker.process(request, Instant.now().plus(budget));
        WorkResult duplicate = worker.process(request, Instant.now().plus(budget));
        parts++;
        assertThat(duplicate.replayed()).isTrue();
        assertThat(duplicate.kinds()).isEqualTo(first.kinds());
        replayed++;
      }
      pending = queue.drain();
      assertThat(parts).as("parts so far").isLessThan(500);
    }
    return new Run(parts, replayed, store);
  }

  @Test
  void largeAccount_withAShortBudget_completesThroughContinuations_likeAnUnlimitedRun() {
    Run unlimited = syncInParts(new CountingInventoryStore(), "unlimited", Duration.ofDays(1));
    Run budgeted = syncInParts(new CountingInventoryStore(), "budgeted", BUDGET);

    System.out.printf(
        "work units: %d resources, budget %d ms: %d parts (unlimited: %d)%n",
        account.resourceCount(), BUDGET.toMillis(), budgeted.parts(), unlimited.parts());
    assertThat(unlimited.parts()).isEqualTo(1);
    assertThat(budgeted.parts()).isGreaterThanOrEqualTo(3);
    assertThat(ExpectedInventory.observed(budgeted.store().live(SandboxSync.key(account))))
        .isEqualTo(ExpectedInventory.observed(unlimited.store().live(SandboxSync.key(account))))
        .containsExactlyInAnyOrderEntriesOf(ExpectedInventory.of(account));
    // Each resource was written once: no part listed a scope another part had checkpointed.
    assertThat(budgeted.store().puts()).isEqualTo(account.resourceCount());
  }

  @Test
  void deletionsAfterAnAdvance_areTombstonedAcrossParts_andNothingElse() {
    CountingInventoryStore store = new CountingInventoryStore();
    syncInParts(store, "before", Duration.ofDays(1));
    sandbox.advance(0.05);
    AwsAccount advanced = sandbox.estate().accounts().getFirst();

    Run budgeted = syncInParts(store, "after", BUDGET);

    assertThat(budgeted.parts()).isGreaterThanOrEqualTo(2);
    assertThat(ExpectedInventory.observed(store.live(SandboxSync.key(advanced))))
        .containsExactlyInAnyOrderEntriesOf(ExpectedInventory.of(advanced));
  }
}
