package io.cloudledger.aws.secrets;

import io.cloudledger.core.secrets.RandomSecrets;
import io.cloudledger.core.secrets.SecretMetadata;
import io.cloudledger.core.secrets.SecretNames;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * A {@link SecretStore} over AWS Secrets Manager: a secret's value is the {@code AWSCURRENT}
 * version's {@code SecretString}, stored under {@code prefix + name}. {@link #set} writes a new
 * version (which becomes current) or creates the secret; {@link #delete} deletes it at once,
 * without a recovery window, so the name can be used again right away.
 *
 * <p>Failures become {@link SecretStoreException}s that name the store, the secret and AWS's error
 * code; Secrets Manager's messages never contain the value, and neither do ours.
 */
public final class AwsSecretsManagerStore implements SecretStore {
  private final String name;
  private final int priority;
  private final String prefix;
  private final SecretsManagerClient client;
  private final SecureRandom random = new SecureRandom();

  public AwsSecretsManagerStore(
      String name, int priority, String prefix, SecretsManagerClient client) {
    this.name = Objects.requireNonNull(name, "name");
    this.priority = priority;
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public boolean writable() {
    return true;
  }

  /** The Secrets Manager name of secret {@code secretName}: the prefix, then the name. */
  public String awsName(String secretName) {
    return prefix + SecretNames.requireValid(secretName);
  }

  @Override
  public Optional<SecretValue> get(String secretName) {
    String id = awsName(secretName);
    try {
      String value = client.getSecretValue(r -> r.secretId(id)).secretString();
      return Optional.ofNullable(value).map(SecretValue::of);
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("reading", secretName, e);
    }
  }

  @Override
  public void set(String secretName, SecretValue value) {
    String id = awsName(secretName);
    try {
      try {
        client.putSecretValue(r -> r.secretId(id).secretString(value.reveal()));
      } catch (ResourceNotFoundException missing) {
        try {
          client.createSecret(r -> r.name(id).secretString(value.reveal()));
        } catch (ResourceExistsException createdMeanwhile) {
          client.putSecretValue(r -> r.secretId(id).secretString(value.reveal()));
        }
      }
    } catch (SdkException e) {
      throw failure("writing", secretName, e);
    }
  }

  @Override
  public boolean delete(String secretName) {
    String id = awsName(secretName);
    try {
      client.deleteSecret(r -> r.secretId(id).forceDeleteWithoutRecovery(true));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    } catch (SdkException e) {
      throw failure("deleting", secretName, e);
    }
  }

  @Override
  public List<String> list() {
    try {
      var request =
          prefix.isEmpty()
              ? client.listSecretsPaginator(r -> {})
              : client.listSecretsPaginator(
                  r ->
                      r.filters(
                          Filter.builder().key(FilterNameStringType.NAME).values(prefix).build()));
      return request.stream()
          .flatMap(page -> page.secretList().stream())
          .map(SecretListEntry::name)
          .filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
          .map(n -> n.substring(prefix.length()))
          .filter(AwsSecretsManagerStore::isValidName)
          .sorted()
          .toList();
    } catch (SdkException e) {
      throw new SecretStoreException(
          "listing the secrets of store '" + name + "' failed: " + describe(e), e);
    }
  }

  @Override
  public SecretValue createRandom(String secretName, int length, String alphabet) {
    SecretValue value = RandomSecrets.generate(random, length, alphabet);
    set(secretName, value);
    return value;
  }

  /**
   * From DescribeSecret: {@code CreatedDate}, {@code LastChangedDate}, the version id labelled
   * {@code AWSCURRENT}, the tags; Secrets Manager has no expiry (rotation is its lifecycle).
   */
  @Override
  public Optional<SecretMetadata> metadata(String secretName) {
    String id = awsName(secretName);
    try {
      DescribeSecretResponse secret = client.describeSecret(r -> r.secretId(id));
      Optional<String> current =
          secret.versionIdsToStages().entrySet().stream()
              .filter(e -> e.getValue().contains("AWSCURRENT"))
              .map(Map.Entry::getKey)
              .findFirst();
      Map<String, String> tags = new TreeMap<>();
      secret.tags().forEach(t -> tags.put(t.key(), t.value()));
      return Optional.of(
          new SecretMetadata(
              secretName,
              Optional.ofNullable(secret.createdDate()),
              Optional.ofNullable(secret.lastChangedDate()),
              current,
              tags,
              Optional.empty()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("reading the metadata of", secretName, e);
    }
  }

  @Override
  public StoreHealth health() {
    try {
      client.listSecrets(r -> r.maxResults(1));
      return StoreHealth.up(
          name, "Secrets Manager answers" + (prefix.isEmpty() ? "" : ", prefix " + prefix));
    } catch (SdkException e) {
      return StoreHealth.down(name, "Secrets Manager is not reachable: " + describe(e));
    }
  }

  private static boolean isValidName(String candidate) {
    try {
      SecretNames.requireValid(candidate);
      return true;
    } catch (IllegalArgumentException e) {
      return false; // a name other tools created that cloudledger cannot address
    }
  }

  private SecretStoreException failure(String action, String secretName, SdkException e) {
    return new SecretStoreException(
        action + " secret '" + secretName + "' in store '" + name + "' failed: " + describe(e), e);
  }

  /** AWS's error code and message; a client-side failure (no connection) by its class. */
  static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().errorCode() + " (" + aws.awsErrorDetails().errorMessage() + ")";
    }
    if (e instanceof SdkServiceException service) {
      return "HTTP " + service.statusCode();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
