package io.cloudledger.aws.secrets;

import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.secrets.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Rotates the IAM access key of an IAM user whose key the secret holds ({@link AccessKeySecret}).
 * Every IAM call is signed by the key in the secret itself, so the target needs no other
 * credentials:
 *
 * <ul>
 *   <li>create: {@code CreateAccessKey} for the current key's user (IAM chooses the key, so it is
 *       made here); at IAM's two-key limit, the previous key is retired if its grace period is
 *       over, and a key not older than the current one that is neither current nor previous — left
 *       by a create that crashed before its value was stored — is deleted;
 *   <li>set: checks the new key still exists (it is live from creation);
 *   <li>test: {@code GetCallerIdentity} signed by the new key;
 *   <li>retire: {@code DeleteAccessKey} of the previous key once the grace period, counted from the
 *       current key's creation, has passed; until then both keys work.
 * </ul>
 */
public final class IamAccessKeyTarget implements RotationTarget {
  public static final String KIND = "aws-iam-key";
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);

  private final Function<AwsCredentialsProvider, IamClient> iam;
  private final Function<AwsCredentialsProvider, StsClient> sts;
  private final Clock clock;
  private final Duration gracePeriod;

  /**
   * {@code iam} and {@code sts} build clients signed by the given credentials (at the session's
   * endpoints); the target closes them after each step.
   */
  public IamAccessKeyTarget(
      Function<AwsCredentialsProvider, IamClient> iam,
      Function<AwsCredentialsProvider, StsClient> sts,
      Clock clock,
      Duration gracePeriod) {
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative");
    }
    this.iam = iam;
    this.sts = sts;
    this.clock = clock;
    this.gracePeriod = gracePeriod;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SecretValue create(SecretValue current, Optional<SecretValue> previous) {
    AccessKeySecret currentKey = AccessKeySecret.parse(current);
    Optional<String> previousKeyId = previous.map(p -> AccessKeySecret.parse(p).accessKeyId());
    try (IamClient client = iam.apply(currentKey.credentials())) {
      List<AccessKeyMetadata> keys = client.listAccessKeys().accessKeyMetadata();
      if (keys.size() >= 2) {
        Instant currentCreated =
            keys.stream()
                .filter(k -> k.accessKeyId().equals(currentKey.accessKeyId()))
                .map(AccessKeyMetadata::createDate)
                .findFirst()
                .orElse(Instant.EPOCH);
        for (AccessKeyMetadata key : keys) {
          // Only a key not older than the current one can be left by a crashed create; an older
          // key may be in use elsewhere and is never touched.
          boolean orphan =
              !key.accessKeyId().equals(currentKey.accessKeyId())
                  && previousKeyId.filter(key.accessKeyId()::equals).isEmpty()
                  && key.createDate() != null
                  && !key.createDate().isBefore(currentCreated);
          if (orphan) {
            deleteQuietly(client, key.accessKeyId());
          }
        }
        if (previousKeyId.isPresent()) {
          retire(client, previousKeyId.get(), currentCreated);
        }
      }
      AccessKey created = client.createAccessKey(r -> {}).accessKey();
      return new AccessKeySecret(created.accessKeyId(), SecretValue.of(created.secretAccessKey()))
          .toSecretValue();
    } catch (LimitExceededException e) {
      throw new RotationException(
          "key-limit",
          "the IAM user of key "
              + currentKey.accessKeyId()
              + " already has two access keys; the previous one is kept until its grace period of "
              + gracePeriod
              + " ends",
          e);
    } catch (SdkException e) {
      throw iamFailure("creating an access key next to " + currentKey.accessKeyId(), e);
    }
  }

  @Override
  public void set(SecretValue pending, SecretValue current) {
    AccessKeySecret pendingKey = AccessKeySecret.parse(pending);
    AccessKeySecret currentKey = AccessKeySecret.parse(current);
    try (IamClient client = iam.apply(currentKey.credentials())) {
      boolean exists =
          client.listAccessKeys().accessKeyMetadata().stream()
              .anyMatch(k -> k.accessKeyId().equals(pendingKey.accessKeyId()));
      if (!exists) {
        throw new RotationException(
            "pending-key-missing",
            "the pending access key "
                + pendingKey.accessKeyId()
                + " no longer exists in IAM; discard the pending version and rotate again");
      }
    } catch (SdkException e) {
      throw iamFailure("listing access keys", e);
    }
  }

  @Override
  public void test(SecretValue pending) {
    AccessKeySecret pendingKey = AccessKeySecret.parse(pending);
    try (StsClient client = sts.apply(pendingKey.credentials())) {
      client.getCallerIdentity(r -> {});
    } catch (SdkException e) {
      throw new RotationException(
          "test-failed",
          "GetCallerIdentity signed by the new access key "
              + pendingKey.accessKeyId()
              + " failed: "
              + AwsSecretsManagerStore.describe(e),
          e);
    }
  }

  @Override
  public String retire(SecretValue previous, SecretValue current, Instant supersededAt) {
    AccessKeySecret previousKey = AccessKeySecret.parse(previous);
    AccessKeySecret currentKey = AccessKeySecret.parse(current);
    try (IamClient client = iam.apply(currentKey.credentials())) {
      return retire(client, previousKey.accessKeyId(), supersededAt);
    } catch (SdkException e) {
      throw iamFailure("deleting the old access key " + previousKey.accessKeyId(), e);
    }
  }

  private String retire(IamClient client, String previousKeyId, Instant supersededAt) {
    Instant deletable = supersededAt.plus(gracePeriod);
    if (clock.instant().isBefore(deletable)) {
      return "old access key " + previousKeyId + " kept until " + deletable + " (grace period)";
    }
    return deleteQuietly(client, previousKeyId)
        ? "deleted old access key " + previousKeyId
        : "old access key " + previousKeyId + " already deleted";
  }

  private static boolean deleteQuietly(IamClient client, String accessKeyId) {
    try {
      client.deleteAccessKey(r -> r.accessKeyId(accessKeyId));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }

  private static RotationException iamFailure(String action, SdkException e) {
    return new RotationException(
        "iam-error", action + " failed: " + AwsSecretsManagerStore.describe(e), e);
  }
}
