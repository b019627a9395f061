package io.cloudledger.azure.secrets;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.rotation.VersionedSecrets;
import io.cloudledger.core.secrets.SecretValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link VersionedSecrets} over Key Vault, so a rotation can live wholly in Azure. Key Vault has no
 * staging labels and readers take a secret's latest version, so the labels are kept like this:
 *
 * <ul>
 *   <li>{@code AWSCURRENT} is the secret's latest version; {@code AWSPREVIOUS} the version its
 *       {@value #PREVIOUS_TAG} tag names (written when it became current), else the one before it;
 *   <li>{@code AWSPENDING} is an enabled version of a companion secret, {@code {name}-9pending},
 *       which the store's readers never see (its name does not decode, see {@link KeyVaultNames});
 *   <li>a version's id is its {@value #VERSION_TAG} tag (the rotation token), else Key Vault's id.
 * </ul>
 *
 * Moving {@code AWSCURRENT} to the pending version writes its value as a new latest version of the
 * secret (one atomic write, with the current version's other tags carried over); removing {@code
 * AWSPENDING} disables the companion's version. So no reader ever sees a value before {@code
 * finish}, and every step can be re-run.
 */
public final class KeyVaultVersions implements VersionedSecrets {
  /** The rotation version id (token) of a Key Vault version. */
  public static final String VERSION_TAG = "cloudledger:version";

  /** On a version that became current: the id of the version that was current before. */
  public static final String PREVIOUS_TAG = "cloudledger:previous";

  static final String PENDING_SUFFIX = "-9pending";

  private final SecretClient client;

  KeyVaultVersions(SecretClient client) {
    this.client = client;
  }

  /** A version as listed: its rotation id, Key Vault id, creation and whether it is enabled. */
  private record Listed(String id, String vaultVersion, Instant created, boolean enabled) {}

  @Override
  public SecretVersions versions(String secretId) {
    SecretProperties current = currentProperties(secretId);
    String currentId = id(current);
    List<Listed> versions = list(secretId);
    Optional<Listed> previous =
        Optional.ofNullable(tags(current).get(PREVIOUS_TAG))
            .flatMap(p -> versions.stream().filter(v -> v.id().equals(p)).findFirst())
            .or(
                () ->
                    versions.stream()
                        .filter(Listed::enabled)
                        .filter(v -> !v.vaultVersion().equals(current.getVersion()))
                        .max(Comparator.comparing(Listed::created)));
    Optional<Listed> pending = pending(secretId);
    List<SecretVersion> labelled = new ArrayList<>();
    Set<String> currentStages = new HashSet<>(Set.of(SecretVersions.CURRENT));
    if (pending.isPresent() && pending.get().id().equals(currentId)) {
      currentStages.add(SecretVersions.PENDING); // finished, pending label not yet removed
    }
    labelled.add(new SecretVersion(currentId, currentStages, created(current)));
    previous
        .filter(p -> !p.id().equals(currentId))
        .ifPresent(
            p ->
                labelled.add(
                    new SecretVersion(p.id(), Set.of(SecretVersions.PREVIOUS), p.created())));
    pending
        .filter(p -> !p.id().equals(currentId))
        .ifPresent(
            p ->
                labelled.add(
                    new SecretVersion(p.id(), Set.of(SecretVersions.PENDING), p.created())));
    return new SecretVersions(secretId, labelled);
  }

  @Override
  public Optional<SecretValue> value(String secretId, String versionId) {
    try {
      Optional<Listed> inSecret =
          list(secretId).stream().filter(v -> v.id().equals(versionId)).findFirst();
      if (inSecret.isPresent()) {
        return Optional.of(
            SecretValue.of(client.getSecret(secretId, inSecret.get().vaultVersion()).getValue()));
      }
      Optional<Listed> inPending =
          list(pendingName(secretId)).stream().filter(v -> v.id().equals(versionId)).findFirst();
      if (inPending.isPresent()) {
        return Optional.of(
            SecretValue.of(
                client
                    .getSecret(pendingName(secretId), inPending.get().vaultVersion())
                    .getValue()));
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("reading version " + versionId + " of", secretId, e);
    }
  }

  @Override
  public void putPending(String secretId, String versionId, SecretValue value) {
    Optional<SecretValue> existing = value(secretId, versionId);
    if (existing.isPresent()) {
      if (existing.get().equals(value)) {
        return;
      }
      throw new RotationException(
          "version-exists",
          "version " + versionId + " of secret " + secretId + " already exists with another value");
    }
    try {
      KeyVaultSecret pending = new KeyVaultSecret(pendingName(secretId), value.reveal());
      pending.setProperties(new SecretProperties().setTags(Map.of(VERSION_TAG, versionId)));
      client.setSecret(pending);
    } catch (RuntimeException e) {
      throw failure("storing pending version " + versionId + " of", secretId, e);
    }
  }

  @Override
  public void moveStage(
      String secretId, String stage, String toVersionId, Optional<String> fromVersionId) {
    if (!SecretVersions.CURRENT.equals(stage)) {
      throw new RotationException(
          "unsupported-stage", "Key Vault rotation moves only AWSCURRENT, not " + stage);
    }
    SecretProperties current = currentProperties(secretId);
    if (id(current).equals(toVersionId)) {
      return;
    }
    SecretValue value =
        pending(secretId)
            .filter(p -> p.id().equals(toVersionId))
            .flatMap(p -> value(secretId, toVersionId))
            .orElseThrow(
                () ->
                    new RotationException(
                        "not-pending",
                        "version " + toVersionId + " of secret " + secretId + " is not pending"));
    Map<String, String> tags = new HashMap<>(tags(current));
    tags.put(VERSION_TAG, toVersionId);
    tags.put(PREVIOUS_TAG, fromVersionId.orElse(id(current)));
    try {
      KeyVaultSecret next = new KeyVaultSecret(secretId, value.reveal());
      next.setProperties(
          new SecretProperties().setTags(tags).setContentType(current.getContentType()));
      client.setSecret(next);
    } catch (RuntimeException e) {
      throw failure("making version " + toVersionId + " current in", secretId, e);
    }
  }

  @Override
  public void removeStage(String secretId, String stage, String fromVersionId) {
    if (!SecretVersions.PENDING.equals(stage)) {
      throw new RotationException(
          "unsupported-stage", "Key Vault rotation removes only AWSPENDING, not " + stage);
    }
    try {
      for (Listed version : list(pendingName(secretId))) {
        if (version.enabled() && version.id().equals(fromVersionId)) {
          SecretProperties properties =
              client.getSecret(pendingName(secretId), version.vaultVersion()).getProperties();
          client.updateSecretProperties(properties.setEnabled(false));
        }
      }
    } catch (RuntimeException e) {
      throw failure("removing the pending label of version " + fromVersionId + " of", secretId, e);
    }
  }

  /** The tags of the secret's current version (rotation settings live there). */
  public Map<String, String> currentTags(String secretId) {
    return tags(currentProperties(secretId));
  }

  private SecretProperties currentProperties(String secretId) {
    try {
      return client.getSecret(secretId).getProperties();
    } catch (ResourceNotFoundException e) {
      throw new RotationException(
          "secret-not-found", "secret " + secretId + " does not exist in Key Vault", e);
    } catch (RuntimeException e) {
      throw failure("reading", secretId, e);
    }
  }

  private Optional<Listed> pending(String secretId) {
    return list(pendingName(secretId)).stream()
        .filter(Listed::enabled)
        .max(Comparator.comparing(Listed::created));
  }

  /** The versions of {@code name}, oldest first; none when the secret does not exist. */
  private List<Listed> list(String name) {
    try {
      List<Listed> listed = new ArrayList<>();
      for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
        listed.add(
            new Listed(id(p), p.getVersion(), created(p), !Boolean.FALSE.equals(p.isEnabled())));
      }
      // Stable: versions created in the same second keep Key Vault's order.
      listed.sort(Comparator.comparing(Listed::created));
      return listed;
    } catch (ResourceNotFoundException e) {
      return List.of();
    } catch (RuntimeException e) {
      throw failure("listing the versions of", name, e);
    }
  }

  private static String id(SecretProperties properties) {
    String tagged = tags(properties).get(VERSION_TAG);
    return tagged != null ? tagged : properties.getVersion();
  }

  private static Map<String, String> tags(SecretProperties properties) {
    return properties.getTags() == null ? Map.of() : properties.getTags();
  }

  private static Instant created(SecretProperties properties) {
    OffsetDateTime created = properties.getCreatedOn();
    return created == null ? Instant.EPOCH : created.toInstant();
  }

  static String pendingName(String secretId) {
    return secretId + PENDING_SUFFIX;
  }

  private static RotationException failure(String action, String secretId, RuntimeException e) {
    return new RotationException(
        "key-vault-error",
        action + " secret " + secretId + " failed: " + AzureKeyVaultStore.describe(e),
        e);
  }
}
