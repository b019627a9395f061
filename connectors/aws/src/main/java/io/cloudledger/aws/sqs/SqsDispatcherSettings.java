package io.cloudledger.aws.sqs;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SqsDispatcher} sends: batches in flight at once, attempts per entry, and the backoff
 * between attempts (doubling from {@code firstBackoff}, with full jitter).
 */
public record SqsDispatcherSettings(int parallelism, int maxAttempts, Duration firstBackoff) {

  public SqsDispatcherSettings {
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("parallelism must be 1..64, got " + parallelism);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(firstBackoff, "firstBackoff");
  }

  /** 8 batches in flight, 5 attempts per entry, backoff from 100 ms. */
  public static SqsDispatcherSettings defaults() {
    return new SqsDispatcherSettings(8, 5, Duration.ofMillis(100));
  }
}
