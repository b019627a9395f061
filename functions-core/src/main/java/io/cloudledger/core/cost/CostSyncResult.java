package io.cloudledger.core.cost;

import io.cloudledger.core.model.AccountKey;
import java.time.Duration;
import java.util.Set;

/**
 * What one {@link CostSync#sync} did for one source.
 *
 * @param fetched rows the source returned
 * @param written rows new or changed, and so written
 * @param unchanged rows equal to the stored ones, not written
 * @param requests requests the source sent (for AWS: Cost Explorer calls, $0.01 each)
 */
public record CostSyncResult(
    String source,
    CostWindow window,
    Set<AccountKey> accounts,
    long fetched,
    long written,
    long unchanged,
    long requests,
    Duration elapsed) {

  public CostSyncResult {
    accounts = Set.copyOf(accounts);
  }
}
