package io.cloudledger.core.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The {@code secrets_manager} section: the two local keystores and the cloud stores. */
public record SecretsManagerConfig(
    KeystoreConfig userKeystore, KeystoreConfig appKeystore, List<CloudStoreConfig> cloudStores) {

  public SecretsManagerConfig {
    cloudStores = List.copyOf(cloudStores);
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
