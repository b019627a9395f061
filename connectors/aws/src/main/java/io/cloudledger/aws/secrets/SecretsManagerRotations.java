package io.cloudledger.aws.secrets;

import io.cloudledger.aws.session.AwsErrors;
import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationTarget;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Builds the {@link Rotation} of a Secrets Manager secret from the secret's tags, so the Lambda and
 * the CLI rotate a secret the same way:
 *
 * <ul>
 *   <li>{@value #TARGET_TAG}: {@code random-password} or {@code aws-iam-key} (required);
 *   <li>{@value #SESSION_TAG}: the {@code cloud_sessions} entry whose endpoints the IAM and STS
 *       calls use (optional; the key's own credentials sign them);
 *   <li>{@value #GRACE_TAG}: how long the old IAM key stays valid after the new one became current,
 *       an ISO-8601 duration such as {@code PT24H} (default one hour).
 * </ul>
 */
public final class SecretsManagerRotations {
  public static final String TARGET_TAG = "cloudledger:rotation-target";
  public static final String SESSION_TAG = "cloudledger:session";
  public static final String GRACE_TAG = "cloudledger:grace-period";

  /** Makes the IAM access-key target for a session name (empty: the default endpoints). */
  @FunctionalInterface
  public interface IamKeyTargets {
    RotationTarget forSession(Optional<String> sessionName, Duration gracePeriod);
  }

  /**
   * A target of another connector (e.g. {@code gcp-sa-key}), made for the session the secret's
   * {@value #SESSION_TAG} names and its grace period; this connector cannot name it itself.
   */
  @FunctionalInterface
  public interface OtherTarget {
    RotationTarget forSession(Optional<String> sessionName, Duration gracePeriod);
  }

  private final SecretsManagerClient client;
  private final IamKeyTargets iamKeyTargets;
  private final Map<String, OtherTarget> otherTargets;

  public SecretsManagerRotations(SecretsManagerClient client, IamKeyTargets iamKeyTargets) {
    this(client, iamKeyTargets, Map.of());
  }

  /** With more target kinds, by the {@value #TARGET_TAG} value that selects each. */
  public SecretsManagerRotations(
      SecretsManagerClient client,
      IamKeyTargets iamKeyTargets,
      Map<String, OtherTarget> otherTargets) {
    this.client = client;
    this.iamKeyTargets = iamKeyTargets;
    this.otherTargets = Map.copyOf(otherTargets);
  }

  /** The rotation of {@code secretId}, with the target its tags declare. */
  public Rotation forSecret(String secretId) {
    return new Rotation(new SecretsManagerVersions(client), target(secretId));
  }

  /** The target {@code secretId}'s tags declare. */
  public RotationTarget target(String secretId) {
    Map<String, String> tags = tags(secretId);
    String kind = tags.get(TARGET_TAG);
    if (kind == null) {
      throw new RotationException(
          "no-rotation-target",
          "secret "
              + secretId
              + " has no "
              + TARGET_TAG
              + " tag; set it to "
              + RandomPasswordTarget.KIND
              + " or "
              + IamAccessKeyTarget.KIND);
    }
    return switch (kind) {
      case RandomPasswordTarget.KIND -> RandomPasswordTarget.withDefaults();
      case IamAccessKeyTarget.KIND ->
          iamKeyTargets.forSession(
              Optional.ofNullable(tags.get(SESSION_TAG)), gracePeriod(secretId, tags));
      default -> {
        OtherTarget other = otherTargets.get(kind);
        if (other == null) {
          throw new RotationException(
              "unknown-rotation-target",
              "secret "
                  + secretId
                  + " names rotation target '"
                  + kind
                  + "'; known targets: "
                  + RandomPasswordTarget.KIND
                  + ", "
                  + IamAccessKeyTarget.KIND
                  + otherTargets.keySet().stream()
                      .sorted()
                      .map(k -> ", " + k)
                      .collect(Collectors.joining()));
        }
        yield other.forSession(
            Optional.ofNullable(tags.get(SESSION_TAG)), gracePeriod(secretId, tags));
      }
    };
  }

  private static Duration gracePeriod(String secretId, Map<String, String> tags) {
    String text = tags.get(GRACE_TAG);
    if (text == null) {
      return IamAccessKeyTarget.DEFAULT_GRACE_PERIOD;
    }
    try {
      Duration grace = Duration.parse(text);
      if (!grace.isNegative()) {
        return grace;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new RotationException(
        "bad-grace-period",
        "secret " + secretId + " has " + GRACE_TAG + " '" + text + "', not a duration like PT24H");
  }

  private Map<String, String> tags(String secretId) {
    try {
      return client.describeSecret(r -> r.secretId(secretId)).tags().stream()
          .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    } catch (ResourceNotFoundException e) {
      throw new RotationException(
          "secret-not-found", "secret " + secretId + " does not exist in Secrets Manager", e);
    } catch (SdkException e) {
      throw AwsErrors.map(e, "DescribeSecret", "secret " + secretId);
    }
  }
}
