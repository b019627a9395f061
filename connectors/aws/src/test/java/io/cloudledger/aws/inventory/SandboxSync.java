package io.cloudledger.aws.inventory;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.core.inventory.CountingInventoryStore;
import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncSettings;
import io.cloudledger.core.sync.SyncTarget;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The core sync engine over a counting in-memory store, as the worker drives a source. */
final class SandboxSync {
  static final Set<ResourceType> ALL_TYPES = EnumSet.allOf(ResourceType.class);

  /** Defaults with millisecond backoffs, so retried faults keep tests fast. */
  static final AwsSourceSettings FAST =
      AwsSourceSettings.defaults()
          .withClients(
              AwsClientSettings.defaults()
                  .withBackoff(Duration.ofMillis(1), Duration.ofMillis(10)));

  private static final AtomicInteger REQUESTS = new AtomicInteger();

  final CountingInventoryStore store = new CountingInventoryStore();
  final InMemorySyncRunStore runs = new InMemorySyncRunStore();
  private final SyncEngine engine =
      new SyncEngine(store, runs, Clock.systemUTC(), SyncSettings.defaults().withFlushSize(50));

  static AccountKey key(AwsAccount account) {
    return AccountKey.of(Provider.AWS, account.accountId());
  }

  private volatile String lastRequestId = "";

  SyncResult sync(AwsAccount account, InventorySource source) {
    lastRequestId = "req-" + REQUESTS.incrementAndGet();
    return engine.sync(new SyncTarget(lastRequestId, key(account), ALL_TYPES, "test"), source);
  }

  /** The request id of the latest sync, to find its recorded run. */
  String lastRequestId() {
    return lastRequestId;
  }
}
