package io.cloudledger.aws.session;

import io.cloudledger.core.ratelimit.ApiBudgets;
import java.time.Duration;
import java.util.Objects;

/**
 * How a session's SDK clients retry and time out. Retries use the SDK's standard strategy with
 * jittered exponential backoff between {@code baseDelay} and {@code maxBackoff}; throttling is
 * retried like any transient error.
 *
 * @param maxAttempts attempts per call, the first included
 * @param attemptTimeout limit of one HTTP attempt
 * @param callTimeout limit of one call with all its retries
 * @param budgets the shared request budgets every HTTP attempt draws a token from
 */
public record AwsClientSettings(
    int maxAttempts,
    Duration baseDelay,
    Duration maxBackoff,
    Duration attemptTimeout,
    Duration callTimeout,
    ApiBudgets budgets) {

  public AwsClientSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    requirePositive(baseDelay, "baseDelay");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(attemptTimeout, "attemptTimeout");
    requirePositive(callTimeout, "callTimeout");
    Objects.requireNonNull(budgets, "budgets");
    if (maxBackoff.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " must not be below baseDelay " + baseDelay);
    }
  }

  /**
   * Five attempts (two more than the SDK's default, because EC2 describe calls throttle per
   * account), 100 ms base delay up to 20 s, 30 s per attempt, 2 min per call; no shared budget.
   */
  public static AwsClientSettings defaults() {
    return new AwsClientSettings(
        5,
        Duration.ofMillis(100),
        Duration.ofSeconds(20),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        ApiBudgets.unlimited());
  }

  public AwsClientSettings withMaxAttempts(int attempts) {
    return new AwsClientSettings(
        attempts, baseDelay, maxBackoff, attemptTimeout, callTimeout, budgets);
  }

  public AwsClientSettings withBackoff(Duration base, Duration max) {
    return new AwsClientSettings(maxAttempts, base, max, attemptTimeout, callTimeout, budgets);
  }

  /** These settings, drawing every HTTP attempt's token from {@code shared}. */
  public AwsClientSettings withBudgets(ApiBudgets shared) {
    return new AwsClientSettings(
        maxAttempts, baseDelay, maxBackoff, attemptTimeout, callTimeout, shared);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
