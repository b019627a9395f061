package io.cloudledger.aws.dynamodb;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a store retries the items {@code BatchWriteItem} left unprocessed: at most {@code
 * maxAttempts} calls per batch, waiting a random time up to {@code baseDelay * 2^(attempt-1)}
 * (capped at {@code maxDelay}) between them ("full jitter", so throttled writers spread out).
 */
public record BatchRetry(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  public BatchRetry {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
  }

  /** 8 attempts, 50 ms doubling up to 5 s: about 10 s of waiting in the worst case. */
  public static BatchRetry defaults() {
    return new BatchRetry(8, Duration.ofMillis(50), Duration.ofSeconds(5));
  }

  /** The wait before attempt {@code attempt + 1}. */
  Duration delayAfter(int attempt) {
    long ceiling = baseDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(ceiling, maxDelay.toMillis());
    return Duration.ofMillis(capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped + 1));
  }
}
