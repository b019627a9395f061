package io.cloudledger.cli;

import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.KeystoreConfig;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.secrets.EnvironmentSecretStore;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretsManager;
import io.cloudledger.core.secrets.keystore.KeystorePasswordSource;
import io.cloudledger.core.secrets.keystore.LocalKeystore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds the {@link SecretsManager} the CLI uses: the environment, the user keystore and the app
 * keystore, placed and prioritised as the configuration file says (defaults without one).
 */
final class LocalSecrets {
  static final String USER_KEYSTORE_FILE = "keystore-user.clks";
  static final String APP_KEYSTORE_FILE = "keystore-app.clks";

  private LocalSecrets() {}

  /**
   * The secrets manager for this environment. {@code explicitConfig} may be null; without any
   * configuration file the defaults apply.
   */
  static SecretsManager open(CliEnvironment environment, Path explicitConfig, PrintWriter err) {
    Optional<CloudledgerConfig> config =
        ConfigLocation.find(environment, explicitConfig).map(ConfigLoader::load);
    SharedPassword password = new SharedPassword(passwordSource(environment));
    Duration lockTimeout = LocalKeystore.lockTimeoutFrom(environment.env());
    ConfigResolver resolver = new ConfigResolver(environment.env(), SecretLookup.none());

    List<SecretStore> stores = new ArrayList<>();
    stores.add(new EnvironmentSecretStore(environment.env()));
    KeystoreConfig user = config.map(c -> c.secretsManager().userKeystore()).orElse(null);
    KeystoreConfig app = config.map(c -> c.secretsManager().appKeystore()).orElse(null);
    addKeystore(
        stores,
        user,
        LocalKeystore.USER_STORE_NAME,
        LocalKeystore.USER_PRIORITY,
        environment.home().resolve(USER_KEYSTORE_FILE),
        resolver,
        environment,
        password,
        lockTimeout);
    addKeystore(
        stores,
        app,
        LocalKeystore.APP_STORE_NAME,
        LocalKeystore.APP_PRIORITY,
        environment.home().resolve(APP_KEYSTORE_FILE),
        resolver,
        environment,
        password,
        lockTimeout);
    AwsSecretStores aws =
        config
            .map(c -> new AwsSecretStores(c, localResolver(environment, List.copyOf(stores))))
            .orElse(null);
    for (CloudStoreConfig cloudStore :
        config.map(c -> c.secretsManager().cloudStores()).orElse(List.of())) {
      if (cloudStore instanceof CloudStoreConfig.AzureKeyVault azureStore) {
        try {
          stores.add(
              new AzureSecretStores(config.get(), localResolver(environment, List.copyOf(stores)))
                  .store(azureStore));
        } catch (RuntimeException e) {
          err.println(
              "cloudledger: warning: secret store '"
                  + cloudStore.name()
                  + "' skipped: "
                  + ErrorMapping.describe(e));
        }
        continue;
      }
      if (cloudStore instanceof CloudStoreConfig.AwsSecretsManager
          || cloudStore instanceof CloudStoreConfig.HashiCorpVault
          || cloudStore instanceof CloudStoreConfig.GcpSecretManager) {
        try {
          stores.add(
              switch (cloudStore) {
                case CloudStoreConfig.AwsSecretsManager awsStore -> aws.store(awsStore);
                case CloudStoreConfig.GcpSecretManager gcpStore ->
                    GcpSecretStores.open(
                        gcpStore, config.get(), localResolver(environment, List.copyOf(stores)));
                default ->
                    VaultStores.open(
                        (CloudStoreConfig.HashiCorpVault) cloudStore,
                        localResolver(environment, List.copyOf(stores)),
                        environment.env());
              });
        } catch (RuntimeException e) {
          // One store that cannot be opened must not take the local ones down with it.
          err.println(
              "cloudledger: warning: secret store '"
                  + cloudStore.name()
                  + "' skipped: "
                  + ErrorMapping.describe(e));
        }
        continue;
      }
      // Cloud secret stores come with their own connectors; say so rather than fail silently.
      err.println(
          "cloudledger: cloud secret store '"
              + cloudStore.name()
              + "' ("
              + cloudStore.describe()
              + ") is not supported by this version yet; skipped");
    }
    Map<String, String> backups = openedBackups(config, stores, err);
    err.flush();
    return new SecretsManager(stores, backups);
  }

  /**
   * The configured backup stores whose two stores are both open; a pair with a store that could not
   * be opened is dropped with a warning rather than failing every command.
   */
  private static Map<String, String> openedBackups(
      Optional<CloudledgerConfig> config, List<SecretStore> stores, PrintWriter err) {
    Set<String> open = stores.stream().map(SecretStore::name).collect(Collectors.toSet());
    Map<String, String> backups = new LinkedHashMap<>();
    config
        .map(c -> c.secretsManager().backups())
        .orElse(Map.of())
        .forEach(
            (primary, backup) -> {
              if (open.contains(primary) && open.contains(backup)) {
                backups.put(primary, backup);
              } else if (open.contains(primary)) {
                err.println(
                    "cloudledger: warning: backup store '"
                        + backup
                        + "' of secret store '"
                        + primary
                        + "' is not available; writes to '"
                        + primary
                        + "' will not fail over");
              }
            });
    return backups;
  }

  /** Resolves a cloud store's session values from the environment and the local stores. */
  static ConfigResolver localResolver(CliEnvironment environment, List<SecretStore> local) {
    SecretsManager localSecrets = new SecretsManager(local);
    return new ConfigResolver(environment.env(), localSecrets::get);
  }

  private static void addKeystore(
      List<SecretStore> stores,
      KeystoreConfig configured,
      String name,
      int defaultPriority,
      Path defaultPath,
      ConfigResolver resolver,
      CliEnvironment environment,
      SharedPassword password,
      Duration lockTimeout) {
    if (configured != null && !configured.enabled()) {
      return;
    }
    Path path =
        configured == null
            ? defaultPath
            : resolver
                .resolveOptionalText(configured.path())
                .map(p -> environment.workingDirectory().resolve(p))
                .orElse(defaultPath);
    int priority = configured == null ? defaultPriority : configured.priority();
    stores.add(
        LocalKeystore.builder(path)
            .name(name)
            .priority(priority)
            .password(password.forKeystore(path))
            .lockTimeout(lockTimeout)
            .build());
  }

  private static KeystorePasswordSource passwordSource(CliEnvironment environment) {
    CliEnvironment.Terminal terminal = environment.terminal();
    return terminal.interactive()
        ? KeystorePasswordSource.of(environment.env(), terminal::readHidden)
        : KeystorePasswordSource.environmentOnly(environment.env());
  }

  /**
   * Both keystores usually share one password: ask the user once (naming the first keystore that
   * needs it), not once per keystore. A keystore with another password reports a wrong password and
   * the secrets manager moves on to the next store.
   */
  private static final class SharedPassword {
    private final KeystorePasswordSource source;
    private char[] answer;

    SharedPassword(KeystorePasswordSource source) {
      this.source = source;
    }

    Supplier<char[]> forKeystore(Path keystore) {
      return () -> {
        synchronized (this) {
          if (answer == null) {
            answer = source.password(keystore);
          }
          return answer.clone();
        }
      };
    }
  }
}
