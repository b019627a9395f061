package io.cloudledger.core.inventory;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceType;
import java.util.Set;

/**
 * Lists one account's resources (port, implemented by each connector).
 *
 * <p>The source splits the listing into {@link io.cloudledger.core.model.Scope scopes} of its
 * choice — one per (region, type), or one per type across all regions where the API lists the whole
 * account at once — sends each page to the sink as it arrives (from any thread), and returns one
 * {@link ScopeOutcome} per scope it attempted. A scope whose listing failed or stopped early is
 * reported {@code FAILED} or {@code PARTIAL}, never {@code COMPLETE}: a complete scope is proof
 * that its missing resources are gone. A scope listed as complete with no pages is an empty scope.
 *
 * <p>Throws {@link io.cloudledger.core.error.RetryableException} when the whole listing should be
 * tried again later (e.g. credentials throttled) and {@link
 * io.cloudledger.core.error.PermanentException} when the account cannot be listed at all (e.g.
 * access denied). A failure confined to one scope is reported as that scope's outcome instead.
 */
public interface InventorySource {

  /**
   * Lists the resources of {@code types} in {@code account}, page by page, into {@code sink}; it
   * returns only after the last page was accepted.
   */
  ListingReport list(AccountKey account, Set<ResourceType> types, PageSink sink);

  /**
   * Lists only the scopes {@code selection} includes, starting none after its deadline; scopes not
   * started are reported in {@link ListingReport#deferred()}. A source that cannot select scopes
   * lists the whole account (this default).
   */
  default ListingReport list(
      AccountKey account, Set<ResourceType> types, PageSink sink, ScopeSelection selection) {
    return list(account, types, sink);
  }
}
