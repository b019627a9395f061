package io.cloudledger.azurefn.rotation;

import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azurefn.FunctionSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The rotation function's per-instance wiring, built on its first invocation from the app settings:
 * the Key Vaults ({@link KeyVaults}, signed in with an Azure session of {@code CLOUDLEDGER_CONFIG})
 * and the configured targets, {@code azure-sp-secret} beside {@link RotationTargets}' built-in
 * kinds.
 */
final class RotationInstance {
  private RotationInstance() {}

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

  /**
   * The wiring from the app settings {@code env}: the configuration and its {@code ENV/} references
   * as the sync functions read them ({@link FunctionSettings}), {@value KeyVaults#VAULT_URL} and
   * {@value KeyVaults#SESSION}, and {@value RotationTargets#SETTING}. No network call: vaults and
   * sessions are opened by the first event that needs them.
   */
  static SecretRotations fromEnvironment(Map<String, String> env) {
    FunctionSettings settings = FunctionSettings.from(env);
    KeyVaults vaults =
        new KeyVaults(
            settings.loadConfig(),
            FunctionSettings.resolver(env),
            text(env, KeyVaults.VAULT_URL).orElse(KeyVaults.DEFAULT_VAULT_URL),
            text(env, KeyVaults.SESSION),
            AzureClientSettings.defaults(),
            Clock.systemUTC());
    return new SecretRotations(
        RotationTargets.parse(env.get(RotationTargets.SETTING), vaults.targetKinds()),
        vaults::versions,
        vaults::taggedTarget);
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }
}
