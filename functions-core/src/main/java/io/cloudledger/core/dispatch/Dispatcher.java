package io.cloudledger.core.dispatch;

import java.util.List;

/**
 * Sends sync requests to the workers (port): SQS in AWS, an in-process queue locally. Returns only
 * when every request was accepted by the queue; throws {@link
 * io.cloudledger.core.error.RetryableException} when some could not be sent after retries (the
 * caller's platform retries the whole fan-out, which idempotency makes safe).
 */
public interface Dispatcher {

  void dispatch(List<SyncRequest> requests);
}
