package io.cloudledger.core.worker;

import io.cloudledger.core.dispatch.SyncRequest;

/** Syncs one kind (inventory, later cost) of a request's account. */
@FunctionalInterface
public interface KindSync {

  /**
   * Runs the sync; throws {@link io.cloudledger.core.error.RetryableException} or {@link
   * io.cloudledger.core.error.PermanentException} when it could not finish.
   */
  KindResult sync(SyncRequest request);
}
