package io.cloudledger.core.sync;

import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.ResourceType;
import java.util.List;
import java.util.Map;

/** What {@link SyncEngine#sync} returns: the recorded run plus its counts per resource type. */
public record SyncResult(SyncRun run, Map<ResourceType, SyncCounts> countsByType) {

  public SyncResult {
    countsByType = Map.copyOf(countsByType);
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
