package io.cloudledger.core.config;

/**
 * A local encrypted keystore ({@code secrets_manager.user_keystore} / {@code app_keystore}). {@code
 * path} is {@link ConfigValue.Unset} for the default location under the cloudledger home, which the
 * caller decides.
 */
public record KeystoreConfig(KeystoreScope scope, ConfigValue path, int priority, boolean enabled)
    implements StoreConfig {

  /** The default user keystore priority: asked before every cloud store by default. */
  public static final int USER_PRIORITY = 50;

  /** The default app keystore priority. */
  public static final int APP_PRIORITY = 75;

  @Override
  public String name() {
    return scope.yamlKey();
  }

  @Override
  public String describe() {
    return "local keystore" + (path.isSet() ? "" : " (default location)");
  }

  /** Whose keystore: the user's own, or one shipped with the application. */
  public enum KeystoreScope {
    USER("user_keystore", USER_PRIORITY),
    APP("app_keystore", APP_PRIORITY);

    private final String yamlKey;
    private final int defaultPriority;

    KeystoreScope(String yamlKey, int defaultPriority) {
      this.yamlKey = yamlKey;
      this.defaultPriority = defaultPriority;
    }

    public String yamlKey() {
      return yamlKey;
    }

    public int defaultPriority() {
      return defaultPriority;
    }
  }
}
