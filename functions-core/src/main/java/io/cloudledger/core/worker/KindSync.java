package io.cloudledger.core.worker;

import io.cloudledger.core.dispatch.SyncRequest;
import java.time.Instant;

/** Syncs one kind (inventory, later cost) of a request's account. */
@FunctionalInterface
public interface KindSync {

  /**
   * Runs the sync; throws {@link io.cloudledger.core.error.RetryableException} or {@link
   * io.cloudledger.core.error.PermanentException} when it could not finish.
   */
  KindResult sync(SyncRequest request);

  /**
   * Runs the sync, starting no new unit of work after {@code deadline} (the worker's time budget).
   * A kind that cannot split its work ignores the deadline (this default).
   */
  default KindResult sync(SyncRequest request, Instant deadline) {
    return sync(request);
  }
}
