package io.cloudledger.gcp.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the dispatcher publishes.
 *
 * @param topic the full topic name, {@code projects/<project>/topics/<topic>}
 * @param endpoint {@code host:port} of a local Pub/Sub (plain text, no credentials); empty for
 *     Google's endpoint with application default credentials
 * @param batchSize messages per {@code Publish} call (Pub/Sub allows up to 1 000)
 * @param batchDelay how long a batch waits for more messages before it is sent
 * @param publishTimeout how long one request may be retried (with backoff) before it counts as
 *     failed (at least 10 s); the function's own timeout must be longer
 */
public record PubSubSettings(
    String topic,
    Optional<String> endpoint,
    long batchSize,
    Duration batchDelay,
    Duration publishTimeout) {
  private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[^/]+");

  public PubSubSettings {
    Objects.requireNonNull(topic, "topic");
    if (!TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException(
          "a Pub/Sub topic is named projects/<project>/topics/<topic>, got '" + topic + "'");
    }
    Objects.requireNonNull(endpoint, "endpoint");
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("batchSize must be 1-1000, got " + batchSize);
    }
    Objects.requireNonNull(batchDelay, "batchDelay");
    Objects.requireNonNull(publishTimeout, "publishTimeout");
    // The client library refuses a total retry timeout under 10 s.
    if (publishTimeout.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException(
          "publishTimeout must be at least 10 s, got " + publishTimeout);
    }
  }

  /** Batches of 100, sent after 10 ms at the latest, each retried for up to 60 s. */
  public static PubSubSettings of(String topic) {
    return new PubSubSettings(
        topic, Optional.empty(), 100, Duration.ofMillis(10), Duration.ofSeconds(60));
  }

  /**
   * The same settings against a local (plain-text, unauthenticated) Pub/Sub at {@code hostPort}.
   */
  public PubSubSettings withEndpoint(String hostPort) {
    return new PubSubSettings(topic, Optional.of(hostPort), batchSize, batchDelay, publishTimeout);
  }

  public PubSubSettings withPublishTimeout(Duration timeout) {
    return new PubSubSettings(topic, endpoint, batchSize, batchDelay, timeout);
  }
}
