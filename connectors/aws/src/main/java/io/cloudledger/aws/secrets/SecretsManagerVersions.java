package io.cloudledger.aws.secrets;

import io.cloudledger.aws.session.AwsErrors;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.rotation.VersionedSecrets;
import io.cloudledger.core.secrets.SecretValue;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** {@link VersionedSecrets} over AWS Secrets Manager, whose labels the rotation contract uses. */
public final class SecretsManagerVersions implements VersionedSecrets {
  private final SecretsManagerClient client;

  public SecretsManagerVersions(SecretsManagerClient client) {
    this.client = client;
  }

  @Override
  public SecretVersions versions(String secretId) {
    try {
      List<SecretVersion> versions =
          client.listSecretVersionIdsPaginator(r -> r.secretId(secretId)).stream()
              .flatMap(page -> page.versions().stream())
              .filter(v -> !v.versionStages().isEmpty())
              .map(
                  v ->
                      new SecretVersion(
                          v.versionId(),
                          new HashSet<>(v.versionStages()),
                          v.createdDate() == null ? Instant.EPOCH : v.createdDate()))
              .toList();
      return new SecretVersions(secretId, versions);
    } catch (ResourceNotFoundException e) {
      throw new RotationException(
          "secret-not-found", "secret " + secretId + " does not exist in Secrets Manager", e);
    } catch (SdkException e) {
      throw failure("ListSecretVersionIds", secretId, e);
    }
  }

  @Override
  public Optional<SecretValue> value(String secretId, String versionId) {
    try {
      String value =
          client.getSecretValue(r -> r.secretId(secretId).versionId(versionId)).secretString();
      return Optional.ofNullable(value).map(SecretValue::of);
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("GetSecretValue", secretId, e);
    }
  }

  @Override
  public void putPending(String secretId, String versionId, SecretValue value) {
    try {
      client.putSecretValue(
          r ->
              r.secretId(secretId)
                  .clientRequestToken(versionId)
                  .secretString(value.reveal())
                  .versionStages(SecretVersions.PENDING));
    } catch (ResourceExistsException e) {
      throw new RotationException(
          "version-exists",
          "version " + versionId + " of secret " + secretId + " already exists with another value",
          e);
    } catch (SdkException e) {
      throw failure("PutSecretValue", secretId, e);
    }
  }

  @Override
  public void moveStage(
      String secretId, String stage, String toVersionId, Optional<String> fromVersionId) {
    try {
      client.updateSecretVersionStage(
          r ->
              r.secretId(secretId)
                  .versionStage(stage)
                  .moveToVersionId(toVersionId)
                  .removeFromVersionId(fromVersionId.orElse(null)));
    } catch (SdkException e) {
      throw failure("UpdateSecretVersionStage", secretId, e);
    }
  }

  @Override
  public void removeStage(String secretId, String stage, String fromVersionId) {
    try {
      client.updateSecretVersionStage(
          r -> r.secretId(secretId).versionStage(stage).removeFromVersionId(fromVersionId));
    } catch (SdkException e) {
      throw failure("UpdateSecretVersionStage", secretId, e);
    }
  }

  /** Throttling and 5xx stay retryable, so a Lambda rotation is retried by the platform. */
  private static RuntimeException failure(String operation, String secretId, SdkException e) {
    return AwsErrors.map(e, operation, "secret " + secretId);
  }
}
