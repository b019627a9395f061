package io.cloudledger.core.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a claim holds and how long results are kept.
 *
 * @param inProgressTimeout how long an {@code IN_PROGRESS} claim blocks other deliveries; it must
 *     exceed the worker's timeout, or a slow but live worker could be joined by a second one
 * @param retention how long records (and completed results) are kept before TTL removes them
 */
public record IdempotencySettings(Duration inProgressTimeout, Duration retention) {

  public IdempotencySettings {
    Objects.requireNonNull(inProgressTimeout, "inProgressTimeout");
    Objects.requireNonNull(retention, "retention");
    if (inProgressTimeout.isNegative() || inProgressTimeout.isZero()) {
      throw new IllegalArgumentException(
          "inProgressTimeout must be positive, got " + inProgressTimeout);
    }
    if (retention.compareTo(inProgressTimeout) <= 0) {
      throw new IllegalArgumentException(
          "retention ("
              + retention
              + ") must be longer than inProgressTimeout ("
              + inProgressTimeout
              + ")");
    }
  }

  /** A claim that outlives {@code workerTimeout} by a margin, results kept for 7 days. */
  public static IdempotencySettings forWorkerTimeout(Duration workerTimeout) {
    Duration margin = workerTimeout.dividedBy(5).plusSeconds(30);
    return new IdempotencySettings(workerTimeout.plus(margin), Duration.ofDays(7));
  }
}
