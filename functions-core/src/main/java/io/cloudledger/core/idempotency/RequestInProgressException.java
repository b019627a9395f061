package io.cloudledger.core.idempotency;

import io.cloudledger.core.error.RetryableException;
import java.time.Duration;

/** Another delivery of the same work is running: retry later rather than run it twice at once. */
public final class RequestInProgressException extends RetryableException {

  public RequestInProgressException(IdempotencyKey key, Duration retryAfter) {
    super("in-progress", "work " + key + " is already in progress elsewhere", null, retryAfter);
  }
}
