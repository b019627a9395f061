package io.cloudledger.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.auth.RateLimiter;
import io.cloudledger.core.auth.RateLimits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private static BucketConfiguration perMinute(int capacity) {
    return BucketConfiguration.builder()
        .addLimit(l -> l.capacity(capacity).refillIntervally(capacity, Duration.ofMinutes(1)))
        .build();
  }

  @Test
  void inProcess_returnsOneBucketPerKey() {
    TokenBuckets buckets = TokenBuckets.inProcess();

    Bucket first = buckets.bucket("a", perMinute(2));

    assertThat(buckets.bucket("a", perMinute(2))).isSameAs(first);
    assertThat(first.tryConsume(2)).isTrue();
    assertThat(buckets.bucket("a", perMinute(2)).tryConsume(1)).isFalse();
    assertThat(buckets.bucket("b", perMinute(2)).tryConsume(1)).isTrue();
    assertThat(buckets.shared()).isFalse();
  }

  @Test
  void inProcess_appliesEveryLimitOfTheConfiguration() {
    Bucket bucket =
        TokenBuckets.inProcess()
            .bucket(
                "two-limits",
                BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(5).refillIntervally(5, Duration.ofMinutes(1)))
                    .addLimit(l -> l.capacity(2).refillIntervally(2, Duration.ofSeconds(1)))
                    .build());

    assertThat(bucket.tryConsume(2)).isTrue();
    assertThat(bucket.tryConsume(1)).isFalse();
  }

  @Test
  void twoRateLimiters_overTheSameBuckets_shareTheirLimits() {
    TokenBuckets buckets = TokenBuckets.inProcess();
    RateLimits limits = new RateLimits(3, 100, Duration.ofMinutes(1));
    RateLimiter one = new RateLimiter(limits, buckets);
    RateLimiter other = new RateLimiter(limits, buckets);

    assertThat(one.acquire("k")).isEmpty();
    assertThat(other.acquire("k")).isEmpty();
    assertThat(one.acquire("k")).isEmpty();

    assertThat(other.acquire("k")).hasValueSatisfying(wait -> assertThat(wait).isPositive());
    // A limiter configured differently draws from a bucket of its own.
    assertThat(new RateLimiter(new RateLimits(4, 100, Duration.ofMinutes(1)), buckets).acquire("k"))
        .isEmpty();
  }
}
