package io.cloudledger.core.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j) per API key name and one for everything. Buckets refill a whole window
 * at once, so "100 per minute" means the 101st request inside the minute is refused. The buckets
 * live in this process: instances behind a load balancer each apply the limits on their own.
 */
public final class RateLimiter {
  private final RateLimits limits;
  private final Bucket global;
  private final Map<String, Bucket> perKey = new ConcurrentHashMap<>();

  public RateLimiter(RateLimits limits) {
    this.limits = limits;
    this.global = bucket(limits.global());
  }

  /** Takes one request from the global bucket; the wait until the next one if it is empty. */
  public Optional<Duration> acquireGlobal() {
    return acquire(global);
  }

  /** Takes one request from {@code keyName}'s bucket; the wait if it is empty. */
  public Optional<Duration> acquire(String keyName) {
    return acquire(perKey.computeIfAbsent(keyName, name -> bucket(limits.perKey())));
  }

  private static Optional<Duration> acquire(Bucket bucket) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private Bucket bucket(int capacity) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, limits.window()))
        .build();
  }
}
