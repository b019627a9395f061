package io.cloudledger.core.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * One provider API's request budget as a token bucket: up to {@code capacity} calls at once, then
 * {@code perSecond} calls per second, refilled continuously (the model AWS, Azure and GCP describe
 * for their own throttling).
 */
public record RateBudget(int capacity, int perSecond) {

  public RateBudget {
    if (capacity < 1 || perSecond < 1) {
      throw new IllegalArgumentException(
          "a rate budget needs capacity >= 1 and perSecond >= 1, got "
              + capacity
              + " and "
              + perSecond);
    }
  }

  /** Parses {@code CAPACITY/PER_SECOND}, e.g. {@code 100/20}, or {@code N} for {@code N/N}. */
  public static RateBudget parse(String text) {
    String[] parts = text.strip().split("/", -1);
    try {
      if (parts.length == 1) {
        int n = Integer.parseInt(parts[0].strip());
        return new RateBudget(n, n);
      }
      if (parts.length == 2) {
        return new RateBudget(
            Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw new IllegalArgumentException(
        "rate budget '" + text + "' is not CAPACITY/PER_SECOND (e.g. 100/20) or N");
  }

  /** The Bucket4j configuration of this budget. */
  public BucketConfiguration configuration() {
    return BucketConfiguration.builder()
        .addLimit(l -> l.capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)))
        .build();
  }

  /** {@code capacity/perSecond}, the form {@link #parse} reads. */
  public String toSpec() {
    return capacity + "/" + perSecond;
  }
}
