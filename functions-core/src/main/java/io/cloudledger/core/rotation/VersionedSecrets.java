package io.cloudledger.core.rotation;

import io.cloudledger.core.secrets.SecretValue;
import java.util.Optional;

/**
 * A secret store with versions and staging labels ({@code AWSCURRENT}, {@code AWSPENDING}, {@code
 * AWSPREVIOUS}), following AWS Secrets Manager's rules: a label is on at most one version, and
 * moving {@code AWSCURRENT} moves {@code AWSPREVIOUS} to the version that was current.
 *
 * <p>Implementations throw {@link RotationException} naming the secret and version, never a value.
 */
public interface VersionedSecrets {

  /** The secret's labelled versions; throws {@link RotationException} if the secret is missing. */
  SecretVersions versions(String secretId);

  /** The value of {@code versionId}; empty when that version does not exist. */
  Optional<SecretValue> value(String secretId, String versionId);

  /**
   * Stores {@code value} as version {@code versionId} labelled {@code AWSPENDING}. Repeating it
   * with the same value is a no-op; with another value it fails.
   */
  void putPending(String secretId, String versionId, SecretValue value);

  /** Moves {@code stage} to {@code toVersionId}, off {@code fromVersionId} if it is there. */
  void moveStage(String secretId, String stage, String toVersionId, Optional<String> fromVersionId);

  /** Removes {@code stage} from {@code fromVersionId}. */
  void removeStage(String secretId, String stage, String fromVersionId);
}
