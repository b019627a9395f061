package io.cloudledger.core.rotation;

import static io.cloudledger.core.rotation.SecretVersions.CURRENT;
import static io.cloudledger.core.rotation.SecretVersions.PENDING;
import static io.cloudledger.core.rotation.SecretVersions.PREVIOUS;

import io.cloudledger.core.secrets.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rotation state machine of AWS Secrets Manager's four-step contract, for any {@link
 * VersionedSecrets} store and {@link RotationTarget}. A rotation is named by its token, which is
 * also the id of the new version:
 *
 * <ol>
 *   <li>{@code create}: the target makes a new value, stored as version {@code token} labelled
 *       {@code AWSPENDING};
 *   <li>{@code set}: the target applies it (the current value keeps working);
 *   <li>{@code test}: the target proves it works;
 *   <li>{@code finish}: {@code AWSCURRENT} moves to it (the old one becomes {@code AWSPREVIOUS}),
 *       {@code AWSPENDING} is removed, and the target retires the previous value.
 * </ol>
 *
 * <p>All state lives in the store's labels, so every step can be re-run and a crash after any step
 * is completed by running the steps again with the same token. Once the token's version is current,
 * every step is a no-op. A new token while another version is pending is refused.
 */
public final class Rotation {
  private final VersionedSecrets secrets;
  private final RotationTarget target;

  public Rotation(VersionedSecrets secrets, RotationTarget target) {
    this.secrets = secrets;
    this.target = target;
  }

  /** Runs the four steps in order. */
  public List<StepResult> run(String secretId, String token) {
    List<StepResult> results = new ArrayList<>();
    for (RotationStep step : RotationStep.values()) {
      results.add(step(step, secretId, token));
    }
    return results;
  }

  public StepResult step(RotationStep step, String secretId, String token) {
    return switch (step) {
      case CREATE -> create(secretId, token);
      case SET -> set(secretId, token);
      case TEST -> test(secretId, token);
      case FINISH -> finish(secretId, token);
    };
  }

  public StepResult create(String secretId, String token) {
    SecretVersions versions = secrets.versions(secretId);
    SecretVersion current = current(versions);
    if (current.versionId().equals(token)) {
      return unchanged(RotationStep.CREATE, "version " + token + " is already current");
    }
    Optional<SecretVersion> pending = versions.withStage(PENDING);
    if (pending.isPresent() && pending.get().versionId().equals(token)) {
      return unchanged(RotationStep.CREATE, "version " + token + " is already pending");
    }
    if (pending.isPresent()) {
      if (!pending.get().has(CURRENT)) {
        throw new RotationConflictException(
            "secret "
                + secretId
                + " has another rotation in progress (version "
                + pending.get().versionId()
                + " is AWSPENDING); finish it with its token before starting one with token "
                + token);
      }
      // A pending label left on the current version by an earlier rotation is stale: drop it.
      secrets.removeStage(secretId, PENDING, current.versionId());
    }
    if (versions.version(token).isPresent()) {
      throw new RotationException(
          "token-used",
          "version "
              + token
              + " of secret "
              + secretId
              + " exists and is not pending: use a new token");
    }
    SecretValue currentValue = value(secretId, current.versionId());
    Optional<SecretVersion> previous = versions.withStage(PREVIOUS);
    Optional<SecretValue> previousValue =
        previous.flatMap(p -> secrets.value(secretId, p.versionId()));
    SecretValue next = target.create(currentValue, previousValue);
    secrets.putPending(secretId, token, next);
    return new StepResult(
        RotationStep.CREATE,
        true,
        "created version " + token + " of " + secretId + " as AWSPENDING (" + target.kind() + ")");
  }

  public StepResult set(String secretId, String token) {
    SecretVersions versions = secrets.versions(secretId);
    SecretVersion current = current(versions);
    if (current.versionId().equals(token)) {
      return unchanged(RotationStep.SET, "version " + token + " is already current");
    }
    requirePending(versions, token);
    target.set(value(secretId, token), value(secretId, current.versionId()));
    return new StepResult(
        RotationStep.SET,
        true,
        "applied version " + token + " to the " + target.kind() + " target");
  }

  public StepResult test(String secretId, String token) {
    SecretVersions versions = secrets.versions(secretId);
    SecretVersion current = current(versions);
    requirePendingOrCurrent(versions, current, token);
    target.test(value(secretId, token));
    return new StepResult(
        RotationStep.TEST,
        false,
        "version " + token + " works on the " + target.kind() + " target");
  }

  public StepResult finish(String secretId, String token) {
    SecretVersions versions = secrets.versions(secretId);
    SecretVersion current = current(versions);
    boolean changed = false;
    if (!current.versionId().equals(token)) {
      requirePending(versions, token);
      secrets.moveStage(secretId, CURRENT, token, Optional.of(current.versionId()));
      changed = true;
      versions = secrets.versions(secretId);
    }
    Optional<SecretVersion> pending = versions.withStage(PENDING);
    if (pending.isPresent() && pending.get().versionId().equals(token)) {
      secrets.removeStage(secretId, PENDING, token);
      changed = true;
    }
    String retired = "no previous version";
    SecretVersion nowCurrent = current(versions);
    Optional<SecretVersion> previous = versions.withStage(PREVIOUS);
    if (previous.isPresent()) {
      Optional<SecretValue> previousValue = secrets.value(secretId, previous.get().versionId());
      if (previousValue.isPresent()) {
        retired =
            target.retire(
                previousValue.get(), value(secretId, nowCurrent.versionId()), nowCurrent.created());
      }
    }
    return new StepResult(
        RotationStep.FINISH,
        changed,
        "version " + token + " of " + secretId + " is AWSCURRENT; previous: " + retired);
  }

  private static SecretVersion current(SecretVersions versions) {
    return versions
        .withStage(CURRENT)
        .orElseThrow(
            () ->
                new RotationException(
                    "no-current-version",
                    "secret " + versions.secretId() + " has no AWSCURRENT version to rotate from"));
  }

  private static void requirePending(SecretVersions versions, String token) {
    Optional<SecretVersion> pending = versions.withStage(PENDING);
    if (pending.isPresent() && pending.get().versionId().equals(token)) {
      return;
    }
    if (pending.isPresent()) {
      throw new RotationConflictException(
          "secret "
              + versions.secretId()
              + " is being rotated with another token (version "
              + pending.get().versionId()
              + " is AWSPENDING), not "
              + token);
    }
    throw new RotationException(
        "not-pending",
        "version "
            + token
            + " of secret "
            + versions.secretId()
            + " is not AWSPENDING: run the create step with this token first");
  }

  private static void requirePendingOrCurrent(
      SecretVersions versions, SecretVersion current, String token) {
    if (!current.versionId().equals(token)) {
      requirePending(versions, token);
    }
  }

  private SecretValue value(String secretId, String versionId) {
    return secrets
        .value(secretId, versionId)
        .orElseThrow(
            () ->
                new RotationException(
                    "missing-version",
                    "version " + versionId + " of secret " + secretId + " has no value"));
  }

  private static StepResult unchanged(RotationStep step, String detail) {
    return new StepResult(step, false, detail);
  }
}
