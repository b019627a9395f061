package io.cloudledger.core.auth;

import java.time.Duration;

/** Requests allowed per window, per API key and over all requests of one trigger instance. */
public record RateLimits(int perKey, int global, Duration window) {

  public RateLimits {
    if (perKey < 1 || global < 1) {
      throw new IllegalArgumentException(
          "rate limits must be at least 1, got perKey=" + perKey + " global=" + global);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the rate-limit window must be positive, got " + window);
    }
  }

  /** 100 requests per 60 s per key, 1000 per 60 s in total. */
  public static RateLimits defaults() {
    return new RateLimits(100, 1000, Duration.ofSeconds(60));
  }
}
