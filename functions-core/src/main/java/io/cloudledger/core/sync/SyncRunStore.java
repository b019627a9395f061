package io.cloudledger.core.sync;

import io.cloudledger.core.model.AccountKey;
import java.util.List;
import java.util.Optional;

/**
 * Where sync runs are recorded (port), one per (request id, account): a request fanned out to
 * several accounts has one run per account. Saving again under the same keys replaces the run, so a
 * redelivered request shows its latest attempt.
 */
public interface SyncRunStore {

  void save(SyncRun run);

  Optional<SyncRun> find(String requestId, AccountKey account);

  /** The runs of a request, ordered by account key. */
  List<SyncRun> findByRequestId(String requestId);
}
