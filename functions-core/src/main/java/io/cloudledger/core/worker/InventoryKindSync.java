package io.cloudledger.core.worker;

import io.cloudledger.core.dispatch.AccountDirectory;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.sync.SyncEngine;
import io.cloudledger.core.sync.SyncResult;
import io.cloudledger.core.sync.SyncTarget;
import java.util.EnumSet;
import java.util.Objects;

/** The inventory kind: every resource type of the account through the {@link SyncEngine}. */
public final class InventoryKindSync implements KindSync {
  private final SyncEngine engine;
  private final AccountDirectory directory;

  public InventoryKindSync(SyncEngine engine, AccountDirectory directory) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public KindResult sync(SyncRequest request) {
    SyncTarget target =
        new SyncTarget(
            request.requestId(),
            request.accountKey(),
            EnumSet.allOf(ResourceType.class),
            request.trigger());
    SyncResult result =
        directory.withInventorySource(request.accountKey(), source -> engine.sync(target, source));
    return new KindResult(result.status().name(), result.counts().seen(), result.counts().writes());
  }
}
