package io.cloudledger.core.inventory;

/** How far the listing of one scope got. Only {@link #COMPLETE} allows tombstoning. */
public enum ListingStatus {
  /** Every page was read: what was not returned no longer exists. */
  COMPLETE,
  /** Some pages were read, then the listing stopped: absent resources may still exist. */
  PARTIAL,
  /** The listing failed: nothing can be concluded about absent resources. */
  FAILED,
  /**
   * Not listed: the account is suspended, closed or being deleted, so its stored inventory is kept
   * as it was last seen (never tombstoned) and marked as no longer current.
   */
  STALE
}
