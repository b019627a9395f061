package io.cloudledger.core.sync;

import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import java.util.List;
import java.util.Map;

/**
 * What {@link SyncEngine#sync} returns: the run plus its counts per resource type, and the scopes
 * it deferred for lack of time (empty when it reached every scope).
 */
public record SyncResult(
    SyncRun run, Map<ResourceType, SyncCounts> countsByType, List<Scope> deferredScopes) {

  public SyncResult {
    countsByType = Map.copyOf(countsByType);
    deferredScopes = List.copyOf(deferredScopes);
  }

  /** A run that reached every scope. */
  public SyncResult(SyncRun run, Map<ResourceType, SyncCounts> countsByType) {
    this(run, countsByType, List.of());
  }

  /** Whether scopes are left for the next part of the sync. */
  public boolean continues() {
    return !deferredScopes.isEmpty();
  }

  public SyncStatus status() {
    return run.status();
  }

  public SyncCounts counts() {
    return run.counts();
  }

  public List<ScopeOutcome> failedScopes() {
    return run.failedScopes();
  }

  /** The counts of one type; zero when none of that type was listed or stored. */
  public SyncCounts counts(ResourceType type) {
    return countsByType.getOrDefault(type, SyncCounts.ZERO);
  }
}
