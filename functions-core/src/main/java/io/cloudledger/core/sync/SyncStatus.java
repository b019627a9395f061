package io.cloudledger.core.sync;

/** How a sync run ended. */
public enum SyncStatus {
  /** Every listed scope was complete. */
  SUCCEEDED,
  /** The run finished, but some scopes failed or were partial (see the failed scopes). */
  PARTIAL,
  /** The run stopped on an error; nothing was tombstoned. */
  FAILED
}
