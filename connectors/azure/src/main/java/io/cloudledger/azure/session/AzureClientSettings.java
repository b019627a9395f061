package io.cloudledger.azure.session;

import io.cloudledger.core.ratelimit.ApiBudgets;
import java.time.Duration;
import java.util.Objects;

/**
 * How a session's ARM clients retry and time out. Retries use the SDK's {@code RetryPolicy}
 * (exponential backoff between {@code baseDelay} and {@code maxDelay}), which waits as long as a
 * 429's {@code Retry-After} asks instead when the service says so.
 *
 * @param maxRetries retries after the first attempt
 * @param responseTimeout limit of one HTTP attempt
 * @param budgets the shared request budgets every attempt draws a token from
 */
public record AzureClientSettings(
    int maxRetries,
    Duration baseDelay,
    Duration maxDelay,
    Duration responseTimeout,
    ApiBudgets budgets) {

  public AzureClientSettings {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
    }
    requirePositive(baseDelay, "baseDelay");
    requirePositive(maxDelay, "maxDelay");
    requirePositive(responseTimeout, "responseTimeout");
    Objects.requireNonNull(budgets, "budgets");
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay " + maxDelay + " must not be below baseDelay " + baseDelay);
    }
  }

  /**
   * Four retries (one more than the SDK's default, because ARM throttles reads per subscription),
   * 800 ms base delay up to 30 s, 60 s per attempt, no shared budget.
   */
  public static AzureClientSettings defaults() {
    return new AzureClientSettings(
        4,
        Duration.ofMillis(800),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        ApiBudgets.unlimited());
  }

  public AzureClientSettings withMaxRetries(int retries) {
    return new AzureClientSettings(retries, baseDelay, maxDelay, responseTimeout, budgets);
  }

  public AzureClientSettings withBackoff(Duration base, Duration max) {
    return new AzureClientSettings(maxRetries, base, max, responseTimeout, budgets);
  }

  /** These settings, drawing every ARM attempt's token from {@code shared}. */
  public AzureClientSettings withBudgets(ApiBudgets shared) {
    return new AzureClientSettings(maxRetries, baseDelay, maxDelay, responseTimeout, shared);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
