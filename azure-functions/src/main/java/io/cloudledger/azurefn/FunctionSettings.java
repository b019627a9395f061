package io.cloudledger.azurefn;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.RuntimeEnvironment;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.dispatch.SyncKind;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The function app's settings, read once per instance from its app settings (environment variables;
 * the functions pass {@code System.getenv()}, nothing below reads the environment).
 *
 * @param config {@code CLOUDLEDGER_CONFIG}: a path to {@code cloudledger.yaml}, or the YAML inline
 * @param storageConnection {@code AzureWebJobsStorage}: the storage account of the sync queue (the
 *     host reads its queue triggers from the same account)
 * @param queueName {@code CLOUDLEDGER_QUEUE_NAME} (default {@code cloudledger-sync}): the sync
 *     queue, which the worker's trigger names through the same setting; failed messages end in
 *     {@code <queueName>-poison}
 * @param dynamoDbEndpoint {@code CLOUDLEDGER_DYNAMODB_ENDPOINT}, empty for AWS's own
 * @param region {@code AWS_REGION} of the DynamoDB tables (default {@code us-east-1})
 * @param requireEntraAuth {@code CLOUDLEDGER_REQUIRE_ENTRA_AUTH} (default false): the HTTP trigger
 *     refuses calls that App Service Authentication did not sign in with Entra ID
 * @param workerTimeout {@code CLOUDLEDGER_WORKER_TIMEOUT_SECONDS} (default 600, host.json's {@code
 *     functionTimeout}): the idempotency claim must outlive it
 */
public record FunctionSettings(
    String config,
    String tablePrefix,
    String storageConnection,
    String queueName,
    String region,
    String dynamoDbEndpoint,
    boolean requireEntraAuth,
    Duration workerTimeout,
    Set<SyncKind> scheduleKinds) {

  public static final String CONFIG = RuntimeEnvironment.CONFIG;
  public static final String TABLE_PREFIX = "CLOUDLEDGER_TABLE_PREFIX";
  public static final String STORAGE = "AzureWebJobsStorage";
  public static final String DYNAMODB_ENDPOINT = "CLOUDLEDGER_DYNAMODB_ENDPOINT";
  public static final String REQUIRE_ENTRA_AUTH = "CLOUDLEDGER_REQUIRE_ENTRA_AUTH";
  public static final String WORKER_TIMEOUT_SECONDS = RuntimeEnvironment.WORKER_TIMEOUT_SECONDS;
  public static final String SCHEDULE_KINDS = RuntimeEnvironment.SCHEDULE_KINDS;

  public static final String QUEUE_NAME = "CLOUDLEDGER_QUEUE_NAME";
  public static final String DEFAULT_QUEUE = "cloudledger-sync";

  /** The app setting holding the timer's NCRONTAB expression (bound as {@code %...%}). */
  public static final String SCHEDULE = "CLOUDLEDGER_SCHEDULE";

  /** The app setting holding the daily cost timer's NCRONTAB expression, e.g. 0 0 6 * * *. */
  public static final String COST_SCHEDULE = "CLOUDLEDGER_COST_SCHEDULE";

  public FunctionSettings {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    Objects.requireNonNull(storageConnection, "storageConnection");
    Objects.requireNonNull(queueName, "queueName");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
    Objects.requireNonNull(workerTimeout, "workerTimeout");
    scheduleKinds = Set.copyOf(EnumSet.copyOf(scheduleKinds));
  }

  /** Reads the settings; throws {@link IllegalArgumentException} naming a bad app setting. */
  public static FunctionSettings from(Map<String, String> env) {
    String config = RuntimeEnvironment.config(env);
    String storage = text(env, STORAGE, "");
    if (storage.isEmpty()) {
      throw new IllegalArgumentException(
          STORAGE + " is not set: the sync queue's storage account connection is required");
    }
    Duration workerTimeout = RuntimeEnvironment.workerTimeout(env, 600);
    Set<SyncKind> kinds = RuntimeEnvironment.scheduleKinds(env);
    return new FunctionSettings(
        config,
        text(env, TABLE_PREFIX, "cloudledger-"),
        storage,
        text(env, QUEUE_NAME, DEFAULT_QUEUE),
        text(env, "AWS_REGION", "us-east-1"),
        text(env, DYNAMODB_ENDPOINT, ""),
        text(env, REQUIRE_ENTRA_AUTH, "false").equalsIgnoreCase("true"),
        workerTimeout,
        kinds);
  }

  /** True when {@link #config()} is the YAML itself rather than a path. */
  public boolean inlineConfig() {
    return RuntimeEnvironment.isInline(config);
  }

  /** The configuration {@link #config()} names or holds, parsed strictly. */
  public CloudledgerConfig loadConfig() {
    return RuntimeEnvironment.load(config);
  }

  /**
   * Resolves the configuration's {@code ENV/} references from the app settings {@code env}; {@code
   * SEC/} references need a cloud secret store, which the functions do not wire yet.
   */
  public static ConfigResolver resolver(Map<String, String> env) {
    return new ConfigResolver(env, SecretLookup.none());
  }

  public Optional<URI> dynamoDbEndpointUri() {
    return dynamoDbEndpoint.isEmpty()
        ? Optional.empty()
        : Optional.of(URI.create(dynamoDbEndpoint));
  }

  @Override
  public String toString() {
    // The storage connection string holds the account key.
    return "FunctionSettings[tablePrefix="
        + tablePrefix
        + ", region="
        + region
        + ", queue="
        + queueName
        + ", scheduleKinds="
        + scheduleKinds
        + "]";
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    return RuntimeEnvironment.text(env, name, fallback);
  }
}
