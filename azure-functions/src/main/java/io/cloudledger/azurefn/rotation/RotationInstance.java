package io.cloudledger.azurefn.rotation;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.rotation.VersionedSecrets;
import java.util.Map;
import java.util.function.Function;

/**
 * The rotation function's per-instance wiring, built on its first invocation from the app settings.
 * The Key Vault {@link VersionedSecrets} is the one piece this build does not have yet: {@link
 * #KEY_VAULT} is where it plugs in (a function from vault name to store), with cloud-specific
 * target kinds beside {@link RotationTargets}' built-in ones.
 */
final class RotationInstance {
  private RotationInstance() {}

  /** Until the Key Vault store lands, events for configured secrets fail clearly (and retry). */
  static final Function<String, VersionedSecrets> KEY_VAULT =
      vault -> {
        throw new PermanentException(
            "no-key-vault-store",
            "this build has no Key Vault versioned secret store yet; cannot rotate secrets of"
                + " vault "
                + vault);
      };

  private static volatile SecretRotations rotations;

  /** Built on first use; a failure (a bad setting) is not remembered, so it is reported again. */
  static SecretRotations rotations() {
    SecretRotations built = rotations;
    if (built == null) {
      synchronized (RotationInstance.class) {
        built = rotations;
        if (built == null) {
          built = fromEnvironment(System.getenv());
          rotations = built;
        }
      }
    }
    return built;
  }

  static SecretRotations fromEnvironment(Map<String, String> env) {
    return new SecretRotations(
        RotationTargets.parse(env.get(RotationTargets.SETTING), Map.of()), KEY_VAULT);
  }
}
