package io.cloudledger.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away if the same work is tried again later (throttling, a 5xx, a timeout).
 * The platform's retry (SQS redelivery, a queue's retry policy) handles it.
 */
public non-sealed class RetryableException extends CloudledgerException {

  private final Duration retryAfter;

  public RetryableException(String reason, String message) {
    this(reason, message, null, null);
  }

  public RetryableException(String reason, String message, Throwable cause) {
    this(reason, message, cause, null);
  }

  /**
   * @param retryAfter how long the service asked us to wait, if it said so (e.g. {@code
   *     Retry-After}); may be null
   */
  public RetryableException(String reason, String message, Throwable cause, Duration retryAfter) {
    super(reason, message, cause);
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /** How long the service asked us to wait before retrying, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
