package io.cloudledger.core.worker;

import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.dispatch.Dispatcher;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.inventory.ScopeSelection;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncTarget;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The inventory kind: every resource type of the account through the {@link SyncEngine}. With a
 * deadline, the listing starts no scope after it; the scopes it did not reach go out as the
 * request's next part through {@code continuations} (the worker's queue), so a very large account
 * is synced in several invocations, each tombstoning only the scopes it listed completely.
 */
public final class InventoryKindSync implements KindSync {
  /** The status of a part that handed the rest of the account to the next part. */
  public static final String CONTINUED = "CONTINUED";

  private final SyncEngine engine;
  private final AccountDirectory directory;
  private final Dispatcher continuations;

  /** Without a queue for continuations: every sync runs whole (no deadline is honoured). */
  public InventoryKindSync(SyncEngine engine, AccountDirectory directory) {
    this(
        engine,
        directory,
        requests -> {
          throw new IllegalStateException("this worker has no queue for continuations");
        });
  }

  public InventoryKindSync(
      SyncEngine engine, AccountDirectory directory, Dispatcher continuations) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.continuations = Objects.requireNonNull(continuations, "continuations");
  }

  @Override
  public KindResult sync(SyncRequest request) {
    return sync(request, Instant.MAX);
  }

  @Override
  public KindResult sync(SyncRequest request, Instant deadline) {
    SyncTarget target =
        new SyncTarget(
            request.requestId(),
            request.accountKey(),
            EnumSet.allOf(ResourceType.class),
            request.trigger());
    ScopeSelection selection = new ScopeSelection(request.unit().scopes(), deadline);
    SyncResult result =
        directory.withInventorySource(
            request.accountKey(), source -> engine.sync(target, source, selection));
    if (result.continues()) {
      // Sent inside the worker's idempotent run: a duplicate delivery of this part replays its
      // stored result and sends nothing; the next part has its own idempotency key.
      continuations.dispatch(
          List.of(request.continuation(SyncKind.INVENTORY, Set.copyOf(result.deferredScopes()))));
      return new KindResult(CONTINUED, result.counts().seen(), result.counts().writes());
    }
    return new KindResult(result.status().name(), result.counts().seen(), result.counts().writes());
  }
}
