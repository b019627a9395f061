package io.cloudledger.core.auth;

import io.cloudledger.core.ratelimit.TokenBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) per API key name and one for everything. Buckets refill a whole window
 * at once, so "100 per minute" means the 101st request inside the minute is refused. With {@link
 * TokenBuckets#inProcess()} each instance applies the limits on its own; with shared buckets (the
 * DynamoDB store of the deployment) the limits hold across every instance using that store.
 */
public final class RateLimiter {
  private final RateLimits limits;
  private final TokenBuckets buckets;

  /** Limits kept in this process. */
  public RateLimiter(RateLimits limits) {
    this(limits, TokenBuckets.inProcess());
  }

  /** Limits kept in {@code buckets}, shared with every limiter drawing from the same buckets. */
  public RateLimiter(RateLimits limits, TokenBuckets buckets) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.buckets = Objects.requireNonNull(buckets, "buckets");
  }

  /** True when the limits hold across instances. */
  public boolean shared() {
    return buckets.shared();
  }

  /** Takes one request from the global bucket; the wait until the next one if it is empty. */
  public Optional<Duration> acquireGlobal() {
    return acquire(bucket("global", limits.global()));
  }

  /** Takes one request from {@code keyName}'s bucket; the wait if it is empty. */
  public Optional<Duration> acquire(String keyName) {
    return acquire(bucket("key#" + keyName, limits.perKey()));
  }

  private static Optional<Duration> acquire(Bucket bucket) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private Bucket bucket(String name, int capacity) {
    // The limit is part of the key: instances configured differently never share a bucket whose
    // stored configuration would silently win over their own.
    String key = "trigger#" + name + "#" + capacity + "/" + limits.window();
    return buckets.bucket(
        key,
        BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, limits.window()))
            .build());
  }
}
