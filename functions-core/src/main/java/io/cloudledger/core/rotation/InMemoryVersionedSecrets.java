package io.cloudledger.core.rotation;

import static io.cloudledger.core.rotation.SecretVersions.CURRENT;
import static io.cloudledger.core.rotation.SecretVersions.PENDING;
import static io.cloudledger.core.rotation.SecretVersions.PREVIOUS;

import io.cloudledger.core.secrets.SecretValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link VersionedSecrets} in memory, with Secrets Manager's label rules; for tests and demos. */
public final class InMemoryVersionedSecrets implements VersionedSecrets {
  private record Version(String id, SecretValue value, Instant created, Set<String> stages) {}

  private final Clock clock;
  private final Map<String, Map<String, Version>> secrets = new LinkedHashMap<>();

  public InMemoryVersionedSecrets(Clock clock) {
    this.clock = clock;
  }

  /** Creates {@code secretId} with {@code value} as its {@code AWSCURRENT} version. */
  public synchronized void create(String secretId, String versionId, SecretValue value) {
    Map<String, Version> versions = new LinkedHashMap<>();
    versions.put(
        versionId, new Version(versionId, value, clock.instant(), new HashSet<>(Set.of(CURRENT))));
    secrets.put(secretId, versions);
  }

  /** The value labelled {@code stage}, if any. */
  public synchronized Optional<SecretValue> valueAt(String secretId, String stage) {
    return versionsOf(secretId).values().stream()
        .filter(v -> v.stages().contains(stage))
        .map(Version::value)
        .findFirst();
  }

  @Override
  public synchronized SecretVersions versions(String secretId) {
    List<SecretVersion> out = new ArrayList<>();
    versionsOf(secretId).values().stream()
        .filter(v -> !v.stages().isEmpty())
        .forEach(v -> out.add(new SecretVersion(v.id(), v.stages(), v.created())));
    return new SecretVersions(secretId, out);
  }

  @Override
  public synchronized Optional<SecretValue> value(String secretId, String versionId) {
    return Optional.ofNullable(versionsOf(secretId).get(versionId)).map(Version::value);
  }

  @Override
  public synchronized void putPending(String secretId, String versionId, SecretValue value) {
    Map<String, Version> versions = versionsOf(secretId);
    Version existing = versions.get(versionId);
    if (existing != null) {
      if (!existing.value().equals(value)) {
        throw new RotationException(
            "version-exists", "version " + versionId + " of " + secretId + " has another value");
      }
      return;
    }
    versions.values().forEach(v -> v.stages().remove(PENDING));
    versions.put(
        versionId, new Version(versionId, value, clock.instant(), new HashSet<>(Set.of(PENDING))));
  }

  @Override
  public synchronized void moveStage(
      String secretId, String stage, String toVersionId, Optional<String> fromVersionId) {
    Map<String, Version> versions = versionsOf(secretId);
    Version target = versions.get(toVersionId);
    if (target == null) {
      throw new RotationException(
          "missing-version", "version " + toVersionId + " of " + secretId + " does not exist");
    }
    Optional<Version> holder =
        versions.values().stream().filter(v -> v.stages().contains(stage)).findFirst();
    if (holder.isPresent() && holder.get() != target) {
      if (fromVersionId.filter(holder.get().id()::equals).isEmpty()) {
        throw new RotationException(
            "label-elsewhere",
            stage + " is on version " + holder.get().id() + ", not the one named to move it from");
      }
      holder.get().stages().remove(stage);
      if (stage.equals(CURRENT)) {
        versions.values().forEach(v -> v.stages().remove(PREVIOUS));
        holder.get().stages().add(PREVIOUS);
      }
    }
    target.stages().add(stage);
    if (stage.equals(CURRENT)) {
      target.stages().remove(PREVIOUS);
    }
  }

  @Override
  public synchronized void removeStage(String secretId, String stage, String fromVersionId) {
    Version version = versionsOf(secretId).get(fromVersionId);
    if (version == null || !version.stages().contains(stage)) {
      throw new RotationException(
          "label-elsewhere", stage + " is not on version " + fromVersionId + " of " + secretId);
    }
    version.stages().remove(stage);
  }

  private Map<String, Version> versionsOf(String secretId) {
    Map<String, Version> versions = secrets.get(secretId);
    if (versions == null) {
      throw new RotationException("secret-not-found", "secret " + secretId + " does not exist");
    }
    return versions;
  }
}
