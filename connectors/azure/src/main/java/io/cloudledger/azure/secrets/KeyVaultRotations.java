package io.cloudledger.azure.secrets;

import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationTarget;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Rotation} of a Key Vault secret from the tags of its current version, with the
 * same tag names as for Secrets Manager, so a rotation is configured the same way on both clouds:
 *
 * <ul>
 *   <li>{@value #TARGET_TAG}: {@code random-password} or {@code azure-sp-secret} (required);
 *   <li>{@value #SESSION_TAG}: the {@code cloud_sessions} entry whose credential calls Graph
 *       (optional; default: the store's session);
 *   <li>{@value #GRACE_TAG}: how long the old client secret keeps working after the new one became
 *       current, an ISO-8601 duration such as {@code PT24H} (default one hour).
 * </ul>
 *
 * The tags are carried to each new current version, so they stay with the secret.
 */
public final class KeyVaultRotations {
  public static final String TARGET_TAG = "cloudledger:rotation-target";
  public static final String SESSION_TAG = "cloudledger:session";
  public static final String GRACE_TAG = "cloudledger:grace-period";

  /** Makes the service principal target for a session name (empty: the store's session). */
  @FunctionalInterface
  public interface ServicePrincipalTargets {
    RotationTarget forSession(Optional<String> sessionName, Duration gracePeriod);
  }

  private final KeyVaultVersions versions;
  private final ServicePrincipalTargets servicePrincipalTargets;

  public KeyVaultRotations(AzureKeyVaultStore store, ServicePrincipalTargets targets) {
    this.versions = store.versions();
    this.servicePrincipalTargets = targets;
  }

  /** The labelled versions of the vault's secrets. */
  public KeyVaultVersions versions() {
    return versions;
  }

  /** The rotation of Key Vault secret {@code vaultName}, with the target its tags declare. */
  public Rotation forSecret(String vaultName) {
    return new Rotation(versions, target(vaultName));
  }

  /** The target {@code vaultName}'s current version's tags declare. */
  public RotationTarget target(String vaultName) {
    Map<String, String> tags = versions.currentTags(vaultName);
    String kind = tags.get(TARGET_TAG);
    if (kind == null) {
      throw new RotationException(
          "no-rotation-target",
          "secret "
              + vaultName
              + " has no "
              + TARGET_TAG
              + " tag; set it to "
              + RandomPasswordTarget.KIND
              + " or "
              + ServicePrincipalSecretTarget.KIND);
    }
    return switch (kind) {
      case RandomPasswordTarget.KIND -> RandomPasswordTarget.withDefaults();
      case ServicePrincipalSecretTarget.KIND ->
          servicePrincipalTargets.forSession(
              Optional.ofNullable(tags.get(SESSION_TAG)), gracePeriod(vaultName, tags));
      default ->
          throw new RotationException(
              "unknown-rotation-target",
              "secret "
                  + vaultName
                  + " names rotation target '"
                  + kind
                  + "'; known targets in Key Vault: "
                  + RandomPasswordTarget.KIND
                  + ", "
                  + ServicePrincipalSecretTarget.KIND);
    };
  }

  private static Duration gracePeriod(String vaultName, Map<String, String> tags) {
    String text = tags.get(GRACE_TAG);
    if (text == null) {
      return ServicePrincipalSecretTarget.DEFAULT_GRACE_PERIOD;
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
        "secret " + vaultName + " has " + GRACE_TAG + " '" + text + "', not a duration like PT24H");
  }
}
