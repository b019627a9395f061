package io.cloudledger.lambda;

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
 * The functions' settings, read once per container from environment variables (the handlers pass
 * {@code System.getenv()}; nothing below reads the environment itself).
 *
 * @param config {@code CLOUDLEDGER_CONFIG}: a path to {@code cloudledger.yaml}, or the YAML inline
 * @param queueUrl {@code CLOUDLEDGER_QUEUE_URL}: the sync queue (fan-out and trigger); empty for a
 *     worker
 * @param dynamoDbEndpoint {@code CLOUDLEDGER_DYNAMODB_ENDPOINT}, empty for AWS's own
 * @param sqsEndpoint {@code CLOUDLEDGER_SQS_ENDPOINT}, empty for AWS's own
 * @param requireIamAuth {@code CLOUDLEDGER_REQUIRE_IAM_AUTH} (default true): the trigger rejects
 *     calls API Gateway did not authenticate with IAM
 * @param workerTimeout {@code CLOUDLEDGER_WORKER_TIMEOUT_SECONDS} (default 900): the worker
 *     function's timeout, which the idempotency claim must outlive
 */
public record LambdaSettings(
    String config,
    String tablePrefix,
    String queueUrl,
    String region,
    String dynamoDbEndpoint,
    String sqsEndpoint,
    boolean requireIamAuth,
    Duration workerTimeout,
    Set<SyncKind> scheduleKinds) {

  public static final String CONFIG = RuntimeEnvironment.CONFIG;
  public static final String TABLE_PREFIX = "CLOUDLEDGER_TABLE_PREFIX";
  public static final String QUEUE_URL = "CLOUDLEDGER_QUEUE_URL";
  public static final String DYNAMODB_ENDPOINT = "CLOUDLEDGER_DYNAMODB_ENDPOINT";
  public static final String SQS_ENDPOINT = "CLOUDLEDGER_SQS_ENDPOINT";
  public static final String REQUIRE_IAM_AUTH = "CLOUDLEDGER_REQUIRE_IAM_AUTH";
  public static final String WORKER_TIMEOUT_SECONDS = RuntimeEnvironment.WORKER_TIMEOUT_SECONDS;
  public static final String SCHEDULE_KINDS = RuntimeEnvironment.SCHEDULE_KINDS;

  public LambdaSettings {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    Objects.requireNonNull(queueUrl, "queueUrl");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
    Objects.requireNonNull(sqsEndpoint, "sqsEndpoint");
    Objects.requireNonNull(workerTimeout, "workerTimeout");
    scheduleKinds = Set.copyOf(EnumSet.copyOf(scheduleKinds));
  }

  /** Reads the settings; throws {@link IllegalArgumentException} naming a bad variable. */
  public static LambdaSettings from(Map<String, String> env) {
    String config = RuntimeEnvironment.config(env);
    Duration workerTimeout = RuntimeEnvironment.workerTimeout(env, 900);
    Set<SyncKind> kinds = RuntimeEnvironment.scheduleKinds(env);
    return new LambdaSettings(
        config,
        text(env, TABLE_PREFIX, "cloudledger-"),
        text(env, QUEUE_URL, ""),
        text(env, "AWS_REGION", "us-east-1"),
        text(env, DYNAMODB_ENDPOINT, ""),
        text(env, SQS_ENDPOINT, ""),
        !text(env, REQUIRE_IAM_AUTH, "true").equalsIgnoreCase("false"),
        workerTimeout,
        kinds);
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

  public Optional<URI> sqsEndpointUri() {
    return sqsEndpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(sqsEndpoint));
  }

  /** The queue URL; throws when a function that sends to the queue has none configured. */
  public String requireQueueUrl() {
    if (queueUrl.isEmpty()) {
      throw new IllegalArgumentException(QUEUE_URL + " is not set");
    }
    return queueUrl;
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    return RuntimeEnvironment.text(env, name, fallback);
  }
}
