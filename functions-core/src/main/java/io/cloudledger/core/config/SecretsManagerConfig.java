package io.cloudledger.core.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code secrets_manager} section: the two local keystores, the cloud stores and, per store (by
 * its run-time name), the backup store that takes its writes while it fails ({@code backup:} on a
 * cloud store, or {@code backup_store:} for all).
 */
public record SecretsManagerConfig(
    KeystoreConfig userKeystore,
    KeystoreConfig appKeystore,
    List<CloudStoreConfig> cloudStores,
    Map<String, String> backups) {

  /** The run-time names of the local stores, as {@code --store} and {@code backup} name them. */
  public static final String USER_KEYSTORE_STORE = "keystore-user";

  public static final String APP_KEYSTORE_STORE = "keystore-app";
  public static final String ENVIRONMENT_STORE = "env";

  public SecretsManagerConfig {
    cloudStores = List.copyOf(cloudStores);
    backups = Map.copyOf(backups);
  }

  /** Without backup stores. */
  public SecretsManagerConfig(
      KeystoreConfig userKeystore, KeystoreConfig appKeystore, List<CloudStoreConfig> cloudStores) {
    this(userKeystore, appKeystore, cloudStores, Map.of());
  }

  /** Every enabled store in the order the secrets manager asks them (priority, then name). */
  public List<StoreConfig> storesByPriority() {
    return Stream.concat(
            Stream.of(userKeystore, appKeystore).filter(KeystoreConfig::enabled),
            cloudStores.stream())
        .sorted(Comparator.comparingInt(StoreConfig::priority).thenComparing(StoreConfig::name))
        .map(StoreConfig.class::cast)
        .toList();
  }

  public Optional<CloudStoreConfig> cloudStore(String name) {
    return cloudStores.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
