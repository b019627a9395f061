package io.cloudledger.conformance;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.dispatch.FanOut;
import io.cloudledger.core.dispatch.InMemoryDispatcher;
import io.cloudledger.core.dispatch.InMemorySyncRequestLog;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.idempotency.Idempotency;
import io.cloudledger.core.idempotency.IdempotencySettings;
import io.cloudledger.core.idempotency.InMemoryIdempotencyStore;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.worker.InventoryKindSync;
import io.cloudledger.core.worker.SyncWorker;
import io.cloudledger.core.worker.WorkResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The store state the estate must produce, computed without any function runtime: the core's
 * fan-out onto an in-memory queue, the core's worker over the connectors, an in-memory store. Every
 * runtime's state hash is compared with this one, so the three runtimes are comparable without
 * running in the same build.
 */
final class ReferenceSync {
  private ReferenceSync() {}

  static StoreState run(
      CloudledgerConfig config, ConfigResolver resolver, Set<Provider> providers, Instant tick) {
    Clock clock = Clock.systemUTC();
    InMemoryInventoryStore store = InMemoryInventoryStore.create();
    try (ReferenceDirectory directory = ReferenceDirectory.of(config, resolver, providers)) {
      SyncEngine engine =
          new SyncEngine(store, new InMemorySyncRunStore(), clock, SyncSettings.defaults());
      SyncWorker worker =
          new SyncWorker(
              new Idempotency(
                  new InMemoryIdempotencyStore(clock),
                  clock,
                  IdempotencySettings.forWorkerTimeout(Duration.ofMinutes(5))),
              Map.of(SyncKind.INVENTORY, new InventoryKindSync(engine, directory)));
      InMemoryDispatcher queue = new InMemoryDispatcher();
      new FanOut(directory, queue, new InMemorySyncRequestLog())
          .scheduled(tick, Set.of(SyncKind.INVENTORY));
      for (SyncRequest request : queue.drain()) {
        WorkResult result = worker.process(request);
        if (!result.kinds().values().stream().allMatch(k -> k.status().equals("SUCCEEDED"))) {
          throw new IllegalStateException(
              "the reference sync failed for " + request + ": " + result);
        }
      }
      return StoreState.read(store, directory.accounts());
    }
  }
}
