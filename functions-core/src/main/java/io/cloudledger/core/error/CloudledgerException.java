package io.cloudledger.core.error;

import java.util.Objects;

/**
 * A failure the core classifies as retryable or permanent; {@link #reason()} is a short,
 * machine-readable code (e.g. {@code throttled}, {@code access-denied}).
 *
 * <p>Messages name what failed (account key, region, operation) and never contain a secret value.
 */
public abstract sealed class CloudledgerException extends RuntimeException
    permits RetryableException, PermanentException {

  private final String reason;

  CloudledgerException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireReason(reason);
  }

  /** A short code saying why, stable enough to count and alert on. */
  public String reason() {
    return reason;
  }

  private static String requireReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("an error reason must not be blank");
    }
    return reason;
  }
}
