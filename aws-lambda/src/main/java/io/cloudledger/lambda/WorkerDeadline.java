package io.cloudledger.lambda;

import java.time.Duration;
import java.time.Instant;

/**
 * When a worker invocation starts no new scope: Lambda's remaining time minus a safety margin for
 * the scopes already running, the store's last writes and sending the next part. The margin is a
 * third of the remaining time, at least 10 s and at most 3 min (a scope of a large region can take
 * minutes), so a 15-minute invocation lists for about 12 minutes.
 */
final class WorkerDeadline {
  static final Duration MIN_MARGIN = Duration.ofSeconds(10);
  static final Duration MAX_MARGIN = Duration.ofMinutes(3);

  private WorkerDeadline() {}

  static Instant of(long remainingMillis) {
    return of(Instant.now(), remainingMillis);
  }

  static Instant of(Instant now, long remainingMillis) {
    Duration remaining = Duration.ofMillis(Math.max(0, remainingMillis));
    Duration margin = remaining.dividedBy(3);
    if (margin.compareTo(MIN_MARGIN) < 0) {
      margin = MIN_MARGIN;
    }
    if (margin.compareTo(MAX_MARGIN) > 0) {
      margin = MAX_MARGIN;
    }
    return now.plus(remaining).minus(margin);
  }
}
