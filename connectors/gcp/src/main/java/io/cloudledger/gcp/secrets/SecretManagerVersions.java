package io.cloudledger.gcp.secrets;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.rotation.VersionedSecrets;
import io.cloudledger.core.secrets.SecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * {@link VersionedSecrets} over GCP Secret Manager, so a rotation lives wholly in GCP. The staging
 * labels are the secret's <b>version aliases</b> ({@code Secret.version_aliases}, alias → version
 * number, changed with {@code UpdateSecret} and mask {@code version_aliases}):
 *
 * <ul>
 *   <li>{@code AWSCURRENT} = alias {@value #CURRENT_ALIAS}, {@code AWSPENDING} = {@value
 *       #PENDING_ALIAS}, {@code AWSPREVIOUS} = {@value #PREVIOUS_ALIAS}. Google allows letters of
 *       either case in an alias; lower case is used so the names read like the rest of GCP;
 *   <li>a version's id is the rotation token recorded in the secret's annotation {@value
 *       #TOKEN_ANNOTATION_PREFIX}{@code <number>}, else its version number. Annotations are written
 *       in the same {@code UpdateSecret} as the aliases (one atomic change, guarded by the secret's
 *       etag), and only those of aliased versions are kept (annotations are limited to 16 KiB);
 *   <li>a secret that has never been rotated has no aliases: its {@code latest} version is {@code
 *       AWSCURRENT}. The first {@link #putPending} pins {@value #CURRENT_ALIAS} to that version
 *       <em>before</em> adding the pending one, so a crash in between never makes the new value
 *       current.
 * </ul>
 *
 * <p>Adding the pending value makes it Secret Manager's {@code latest}. Readers must therefore read
 * the {@value #CURRENT_ALIAS} alias: {@link GcpSecretManagerStore#get} does (falling back to {@code
 * latest} for secrets without it), and so must any other consumer of a rotated secret ({@code
 * versions/current:access}); one reading {@code latest} would see the pending value before {@code
 * finish}. A crash between adding the version and setting the alias leaves an unaliased version
 * that nothing reads; the re-run adds another.
 */
public final class SecretManagerVersions implements VersionedSecrets {
  public static final String CURRENT_ALIAS = "current";
  public static final String PENDING_ALIAS = "pending";
  public static final String PREVIOUS_ALIAS = "previous";

  /** Followed by a version number: the rotation token (version id) of that version. */
  public static final String TOKEN_ANNOTATION_PREFIX = "cloudledger-version-";

  private static final Map<String, String> ALIAS_OF_STAGE =
      Map.of(
          SecretVersions.CURRENT, CURRENT_ALIAS,
          SecretVersions.PENDING, PENDING_ALIAS,
          SecretVersions.PREVIOUS, PREVIOUS_ALIAS);

  private final SecretManagerServiceClient client;
  private final String defaultProject;

  /**
   * @param defaultProject the project of a secret named by its bare id; a full name {@code
   *     projects/<project>/secrets/<id>} (as notifications carry it) names its own; empty for none
   *     (bare ids are then refused)
   */
  public SecretManagerVersions(SecretManagerServiceClient client, String defaultProject) {
    this.client = Objects.requireNonNull(client, "client");
    this.defaultProject = Objects.requireNonNull(defaultProject, "defaultProject");
  }

  /** The secret's resource name for a bare id or a full {@code projects/p/secrets/s} name. */
  SecretName name(String secretId) {
    if (SecretName.isParsableFrom(secretId)) {
      return SecretName.parse(secretId);
    }
    if (defaultProject.isEmpty()) {
      throw new RotationException(
          "no-project",
          "secret "
              + secretId
              + " is named without a project and no default project is set;"
              + " name it projects/<project>/secrets/<id>");
    }
    return SecretName.of(defaultProject, secretId);
  }

  @Override
  public SecretVersions versions(String secretId) {
    Secret secret = secret(secretId);
    Map<Long, Set<String>> stages = new LinkedHashMap<>();
    ALIAS_OF_STAGE.forEach(
        (stage, alias) -> {
          Long number = secret.getVersionAliasesMap().get(alias);
          if (number != null) {
            stages.computeIfAbsent(number, n -> new HashSet<>()).add(stage);
          }
        });
    if (!secret.getVersionAliasesMap().containsKey(CURRENT_ALIAS)) {
      latestNumber(secretId)
          .ifPresent(
              n -> stages.computeIfAbsent(n, k -> new HashSet<>()).add(SecretVersions.CURRENT));
    }
    List<SecretVersion> versions = new ArrayList<>();
    stages.forEach(
        (number, labels) ->
            versions.add(new SecretVersion(id(secret, number), labels, created(secretId, number))));
    return new SecretVersions(secretId, versions);
  }

  @Override
  public Optional<SecretValue> value(String secretId, String versionId) {
    Optional<Long> number = number(secret(secretId), versionId);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    try {
      ByteString data =
          client.accessSecretVersion(version(secretId, number.get())).getPayload().getData();
      return Optional.of(SecretValue.of(data.toString(StandardCharsets.UTF_8)));
    } catch (NotFoundException | InvalidArgumentException e) {
      return Optional.empty(); // no such version, or disabled/destroyed (FAILED_PRECONDITION = 400)
    } catch (RuntimeException e) {
      throw failure("reading version " + versionId + " of", secretId, e);
    }
  }

  @Override
  public void putPending(String secretId, String versionId, SecretValue value) {
    Secret secret = secret(secretId);
    if (number(secret, versionId).isPresent()) {
      Optional<SecretValue> existing = value(secretId, versionId);
      if (existing.isPresent() && existing.get().equals(value)) {
        return;
      }
      throw new RotationException(
          "version-exists",
          "version " + versionId + " of secret " + secretId + " already exists with another value");
    }
    if (!secret.getVersionAliasesMap().containsKey(CURRENT_ALIAS)) {
      long latest =
          latestNumber(secretId)
              .orElseThrow(
                  () ->
                      new RotationException(
                          "no-current-version",
                          "secret " + secretId + " has no version to rotate from"));
      Map<String, Long> aliases = new HashMap<>(secret.getVersionAliasesMap());
      aliases.put(CURRENT_ALIAS, latest);
      secret = update(secret, aliases, Map.of(), "pinning the current version of");
    }
    long added;
    try {
      byte[] data = value.reveal().getBytes(StandardCharsets.UTF_8);
      CRC32C crc = new CRC32C();
      crc.update(data);
      String name =
          client
              .addSecretVersion(
                  name(secretId),
                  SecretPayload.newBuilder()
                      .setData(ByteString.copyFrom(data))
                      .setDataCrc32C(crc.getValue())
                      .build())
              .getName();
      added = Long.parseLong(SecretVersionName.parse(name).getSecretVersion());
    } catch (RuntimeException e) {
      throw failure("adding pending version " + versionId + " to", secretId, e);
    }
    Map<String, Long> aliases = new HashMap<>(secret.getVersionAliasesMap());
    aliases.put(PENDING_ALIAS, added);
    update(secret, aliases, Map.of(added, versionId), "labelling the pending version of");
  }

  @Override
  public void moveStage(
      String secretId, String stage, String toVersionId, Optional<String> fromVersionId) {
    String alias = alias(stage);
    Secret secret = secret(secretId);
    long to =
        number(secret, toVersionId)
            .orElseThrow(
                () ->
                    new RotationException(
                        "missing-version",
                        "version " + toVersionId + " of " + secretId + " does not exist"));
    Map<String, Long> aliases = new HashMap<>(secret.getVersionAliasesMap());
    Optional<Long> holder = Optional.ofNullable(aliases.get(alias));
    if (holder.isEmpty() && alias.equals(CURRENT_ALIAS)) {
      holder = latestNumber(secretId); // never rotated: latest is current
    }
    if (holder.isPresent() && holder.get() == to) {
      return;
    }
    if (holder.isPresent()) {
      String holderId = id(secret, holder.get());
      if (fromVersionId.filter(holderId::equals).isEmpty()) {
        throw new RotationException(
            "label-elsewhere",
            stage + " is on version " + holderId + ", not the one named to move it from");
      }
      if (alias.equals(CURRENT_ALIAS)) {
        aliases.put(PREVIOUS_ALIAS, holder.get());
      }
    }
    aliases.put(alias, to);
    if (alias.equals(CURRENT_ALIAS) && Objects.equals(aliases.get(PREVIOUS_ALIAS), to)) {
      aliases.remove(PREVIOUS_ALIAS);
    }
    update(secret, aliases, Map.of(), "moving " + stage + " to version " + toVersionId + " of");
  }

  @Override
  public void removeStage(String secretId, String stage, String fromVersionId) {
    String alias = alias(stage);
    Secret secret = secret(secretId);
    Long holder = secret.getVersionAliasesMap().get(alias);
    if (holder == null || !id(secret, holder).equals(fromVersionId)) {
      throw new RotationException(
          "label-elsewhere", stage + " is not on version " + fromVersionId + " of " + secretId);
    }
    Map<String, Long> aliases = new HashMap<>(secret.getVersionAliasesMap());
    aliases.remove(alias);
    update(
        secret, aliases, Map.of(), "removing " + stage + " from version " + fromVersionId + " of");
  }

  private static String alias(String stage) {
    String alias = ALIAS_OF_STAGE.get(stage);
    if (alias == null) {
      throw new RotationException(
          "unsupported-stage", "Secret Manager rotation knows only " + ALIAS_OF_STAGE.keySet());
    }
    return alias;
  }

  /**
   * Writes {@code aliases} and the token annotations of the aliased versions (plus {@code tokens})
   * in one {@code UpdateSecret} guarded by the etag read before: a concurrent change makes it fail
   * (retryable) instead of silently overwriting the other writer's labels.
   */
  private Secret update(
      Secret secret, Map<String, Long> aliases, Map<Long, String> tokens, String action) {
    Map<String, String> annotations = new HashMap<>();
    secret
        .getAnnotationsMap()
        .forEach(
            (key, value) -> {
              if (!key.startsWith(TOKEN_ANNOTATION_PREFIX)
                  || aliases.containsValue(annotatedNumber(key))) {
                annotations.put(key, value);
              }
            });
    tokens.forEach((number, token) -> annotations.put(TOKEN_ANNOTATION_PREFIX + number, token));
    try {
      return client.updateSecret(
          Secret.newBuilder()
              .setName(secret.getName())
              .setEtag(secret.getEtag())
              .putAllVersionAliases(aliases)
              .putAllAnnotations(annotations)
              .build(),
          FieldMask.newBuilder().addPaths("version_aliases").addPaths("annotations").build());
    } catch (AbortedException e) {
      // Retryable: the re-run reads the new labels and either proceeds or is refused properly.
      throw new RetryableException(
          "concurrent-update",
          "secret "
              + secret.getName()
              + " changed while "
              + action
              + " it (etag mismatch); re-run the step",
          e);
    } catch (RuntimeException e) {
      throw failure(action, secret.getName(), e);
    }
  }

  private static long annotatedNumber(String key) {
    try {
      return Long.parseLong(key.substring(TOKEN_ANNOTATION_PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The version id: the token annotated on the version, else its number. */
  private static String id(Secret secret, long number) {
    return secret
        .getAnnotationsMap()
        .getOrDefault(TOKEN_ANNOTATION_PREFIX + number, Long.toString(number));
  }

  /** The version number of {@code versionId}: an annotated token, else a number. */
  private static Optional<Long> number(Secret secret, String versionId) {
    for (Map.Entry<String, String> a : secret.getAnnotationsMap().entrySet()) {
      if (a.getKey().startsWith(TOKEN_ANNOTATION_PREFIX) && a.getValue().equals(versionId)) {
        long number = annotatedNumber(a.getKey());
        if (number > 0) {
          return Optional.of(number);
        }
      }
    }
    if (versionId.matches("[0-9]{1,18}")) {
      return Optional.of(Long.parseLong(versionId));
    }
    return Optional.empty();
  }

  private Secret secret(String secretId) {
    try {
      return client.getSecret(name(secretId));
    } catch (NotFoundException e) {
      throw new RotationException(
          "secret-not-found", "secret " + secretId + " does not exist in Secret Manager", e);
    } catch (RuntimeException e) {
      throw failure("reading", secretId, e);
    }
  }

  private Optional<Long> latestNumber(String secretId) {
    try {
      String name = client.getSecretVersion(version(secretId, "latest")).getName();
      return Optional.of(Long.parseLong(SecretVersionName.parse(name).getSecretVersion()));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("reading the latest version of", secretId, e);
    }
  }

  private Instant created(String secretId, long number) {
    try {
      Timestamp t = client.getSecretVersion(version(secretId, number)).getCreateTime();
      return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    } catch (RuntimeException e) {
      throw failure("reading version " + number + " of", secretId, e);
    }
  }

  private SecretVersionName version(String secretId, long number) {
    return version(secretId, Long.toString(number));
  }

  private SecretVersionName version(String secretId, String version) {
    SecretName secret = name(secretId);
    return SecretVersionName.of(secret.getProject(), secret.getSecret(), version);
  }

  private static RotationException failure(String action, String secretId, RuntimeException e) {
    return new RotationException(
        "secret-manager-error",
        action + " secret " + secretId + " failed: " + GcpSecretManagerStore.describe(e),
        e);
  }
}
