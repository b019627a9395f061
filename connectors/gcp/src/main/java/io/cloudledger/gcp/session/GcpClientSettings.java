package io.cloudledger.gcp.session;

import io.cloudledger.core.ratelimit.ApiBudgets;
import java.time.Duration;
import java.util.Objects;

/**
 * Retries and timeouts of the Compute clients. The connector retries each page itself (the client
 * library's own retries are off) so that GCP's {@code 403 rateLimitExceeded}, which the library
 * does not retry, gets the same backoff as 429 and 5xx, and every attempt is counted once.
 *
 * @param maxAttempts attempts per page, the first included (1 = no retry)
 * @param initialBackoff the first wait; it doubles up to {@code maxBackoff}, with full jitter
 * @param attemptTimeout timeout of one HTTP request
 * @param budgets the shared request budgets every attempt draws a token from (per project)
 */
public record GcpClientSettings(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration attemptTimeout,
    ApiBudgets budgets) {

  public GcpClientSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(budgets, "budgets");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be 0 <= initial <= max, got " + initialBackoff + " and " + maxBackoff);
    }
    if (!attemptTimeout.isPositive()) {
      throw new IllegalArgumentException("attemptTimeout must be positive, got " + attemptTimeout);
    }
  }

  /** 6 attempts, 200 ms doubling up to 20 s, 30 s per request, no shared budget. */
  public static GcpClientSettings defaults() {
    return new GcpClientSettings(
        6,
        Duration.ofMillis(200),
        Duration.ofSeconds(20),
        Duration.ofSeconds(30),
        ApiBudgets.unlimited());
  }

  public GcpClientSettings withMaxAttempts(int attempts) {
    return new GcpClientSettings(attempts, initialBackoff, maxBackoff, attemptTimeout, budgets);
  }

  public GcpClientSettings withBackoff(Duration initial, Duration max) {
    return new GcpClientSettings(maxAttempts, initial, max, attemptTimeout, budgets);
  }

  /** These settings, drawing every attempt's token from {@code shared}. */
  public GcpClientSettings withBudgets(ApiBudgets shared) {
    return new GcpClientSettings(maxAttempts, initialBackoff, maxBackoff, attemptTimeout, shared);
  }
}
