package io.cloudledger.gcf;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.RuntimeEnvironment;
import io.cloudledger.core.dispatch.SyncKind;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The functions' settings, read once per instance from environment variables (the functions pass
 * {@code System.getenv()}; nothing below reads the environment itself).
 *
 * @param config {@code CLOUDLEDGER_CONFIG}: a path to {@code cloudledger.yaml}, or the YAML inline
 * @param topic {@code CLOUDLEDGER_TOPIC}: the sync topic {@code projects/<p>/topics/<t>} (fan-out
 *     and trigger); empty for the worker
 * @param pubSubEndpoint {@code CLOUDLEDGER_PUBSUB_ENDPOINT}: {@code host:port} of a local Pub/Sub
 *     (plain text, no credentials); empty for Google's
 * @param dynamoDbEndpoint {@code CLOUDLEDGER_DYNAMODB_ENDPOINT}, empty for AWS's own
 * @param region {@code CLOUDLEDGER_DYNAMODB_REGION} (else {@code AWS_REGION}, else us-east-1): the
 *     region of the DynamoDB tables
 * @param workerTimeout {@code CLOUDLEDGER_WORKER_TIMEOUT_SECONDS} (default 540, the longest an
 *     event-driven function may run): the idempotency claim must outlive it
 * @param scheduleKinds {@code CLOUDLEDGER_SCHEDULE_KINDS} (default inventory)
 */
public record GcfSettings(
    String config,
    String tablePrefix,
    String topic,
    String pubSubEndpoint,
    String dynamoDbEndpoint,
    String region,
    Duration workerTimeout,
    Set<SyncKind> scheduleKinds) {

  public static final String CONFIG = RuntimeEnvironment.CONFIG;
  public static final String TABLE_PREFIX = "CLOUDLEDGER_TABLE_PREFIX";
  public static final String TOPIC = "CLOUDLEDGER_TOPIC";
  public static final String PUBSUB_ENDPOINT = "CLOUDLEDGER_PUBSUB_ENDPOINT";
  public static final String DYNAMODB_ENDPOINT = "CLOUDLEDGER_DYNAMODB_ENDPOINT";
  public static final String DYNAMODB_REGION = "CLOUDLEDGER_DYNAMODB_REGION";
  public static final String WORKER_TIMEOUT_SECONDS = RuntimeEnvironment.WORKER_TIMEOUT_SECONDS;
  public static final String SCHEDULE_KINDS = RuntimeEnvironment.SCHEDULE_KINDS;

  public GcfSettings {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(pubSubEndpoint, "pubSubEndpoint");
    Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(workerTimeout, "workerTimeout");
    scheduleKinds = Set.copyOf(EnumSet.copyOf(scheduleKinds));
  }

  /** Reads the settings; throws {@link IllegalArgumentException} naming a bad variable. */
  public static GcfSettings from(Map<String, String> env) {
    String config = RuntimeEnvironment.config(env);
    Duration workerTimeout = RuntimeEnvironment.workerTimeout(env, 540);
    Set<SyncKind> kinds = RuntimeEnvironment.scheduleKinds(env);
    return new GcfSettings(
        config,
        text(env, TABLE_PREFIX, "cloudledger-"),
        text(env, TOPIC, ""),
        text(env, PUBSUB_ENDPOINT, ""),
        text(env, DYNAMODB_ENDPOINT, ""),
        text(env, DYNAMODB_REGION, text(env, "AWS_REGION", "us-east-1")),
        workerTimeout,
        kinds);
  }

  /** The configuration {@link #config()} holds or names. */
  public CloudledgerConfig loadConfig() {
    return RuntimeEnvironment.load(config);
  }

  /**
   * The kinds of a comma-separated list such as {@code inventory,cost}; throws {@link
   * IllegalArgumentException} naming {@code source} (where the list came from) and the bad kind.
   */
  public static Set<SyncKind> kinds(String list, String source) {
    return RuntimeEnvironment.kinds(list, source);
  }

  /** True when {@link #config()} is the YAML itself rather than a path. */
  public boolean inlineConfig() {
    return RuntimeEnvironment.isInline(config);
  }

  public Optional<URI> dynamoDbEndpointUri() {
    return dynamoDbEndpoint.isEmpty()
        ? Optional.empty()
        : Optional.of(URI.create(dynamoDbEndpoint));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    return RuntimeEnvironment.text(env, name, fallback);
  }
}
