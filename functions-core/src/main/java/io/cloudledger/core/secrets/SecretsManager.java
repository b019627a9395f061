package io.cloudledger.core.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes secrets across several {@link SecretStore}s.
 *
 * <p>Reads ask the stores in priority order (lower number first, ties by name) and return the first
 * hit; a store that fails is skipped with a warning. Writes go to the first writable store unless a
 * store is named. A write to a store that fails goes to that store's configured backup store, with
 * a warning naming both, and only when one is configured: never silently, and one hop only. Log
 * lines and exception messages carry store and secret names, never values.
 */
public final class SecretsManager {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsManager.class);

  private final List<SecretStore> stores;
  private final Map<String, String> backups;

  public SecretsManager(List<? extends SecretStore> stores) {
    this(stores, Map.of());
  }

  /**
   * With backup stores: {@code backups} maps a store's name to the store that takes its writes
   * while it fails. Both must be among {@code stores}, differ, and the backup must be writable.
   */
  public SecretsManager(List<? extends SecretStore> stores, Map<String, String> backups) {
    Set<String> names = new HashSet<>();
    for (SecretStore store : stores) {
      if (!names.add(store.name())) {
        throw new IllegalArgumentException(
            "two secret stores are named '" + store.name() + "'; store names must be unique");
      }
    }
    List<SecretStore> ordered = new ArrayList<>(stores);
    ordered.sort(Comparator.comparingInt(SecretStore::priority).thenComparing(SecretStore::name));
    this.stores = List.copyOf(ordered);
    backups.forEach(
        (primary, backup) -> {
          store(primary);
          SecretStore target = store(backup);
          if (primary.equals(backup)) {
            throw new IllegalArgumentException(
                "secret store '" + primary + "' cannot be its own backup store");
          }
          if (!target.writable()) {
            throw new IllegalArgumentException(
                "secret store '"
                    + backup
                    + "' is read-only and cannot be the backup of '"
                    + primary
                    + "'");
          }
        });
    this.backups = Map.copyOf(backups);
  }

  /** The backup store configured for {@code storeName}, if any. */
  public Optional<String> backupOf(String storeName) {
    return Optional.ofNullable(backups.get(storeName));
  }

  /** The stores in the order they are asked. */
  public List<SecretStore> stores() {
    return stores;
  }

  /**
   * The value from the first store (by priority) that holds {@code name}.
   *
   * @throws SecretStoreException if no store answered with the value and at least one store failed:
   *     the secret may be in a failed store, so "absent" would be a guess
   */
  public Optional<SecretValue> get(String name) {
    SecretNames.requireValid(name);
    List<StoreFailure> failures = new ArrayList<>();
    for (SecretStore store : stores) {
      try {
        Optional<SecretValue> value = store.get(name);
        if (value.isPresent()) {
          return value;
        }
      } catch (SecretStoreException e) {
        LOG.warn(
            "secret store '{}' failed while reading secret '{}', asking the next store: {}",
            store.name(),
            name,
            e.getMessage());
        failures.add(new StoreFailure(store.name(), e.getMessage()));
      }
    }
    if (!failures.isEmpty()) {
      throw new SecretStoreException(
          "secret '"
              + name
              + "' was not found in the stores that answered, and these stores failed: "
              + describe(failures));
    }
    return Optional.empty();
  }

  /** The value of {@code name} from the named store only. */
  public Optional<SecretValue> get(String name, String storeName) {
    SecretNames.requireValid(name);
    return store(storeName).get(name);
  }

  /** Writes to the first writable store; returns that store's name. */
  public String set(String name, SecretValue value) {
    SecretStore target = defaultWritableStore();
    return set(name, value, target.name());
  }

  /**
   * Writes to the named store, or to its backup store if it fails and one is configured; returns
   * the name of the store that holds the value now.
   */
  public String set(String name, SecretValue value, String storeName) {
    SecretNames.requireValid(name);
    SecretStore target = store(storeName);
    String written =
        withBackup(
            target,
            name,
            store -> {
              store.set(name, value);
              return store.name();
            });
    LOG.info("stored secret '{}' in store '{}'", name, written);
    return written;
  }

  /**
   * Runs a write on {@code primary}; if the store fails (not a refusal: a read-only store or a bad
   * name is the caller's error) and a backup is configured, runs it on the backup instead.
   */
  private <T> T withBackup(SecretStore primary, String name, Function<SecretStore, T> write) {
    try {
      return write.apply(primary);
    } catch (ReadOnlySecretStoreException e) {
      throw e;
    } catch (SecretStoreException e) {
      Optional<String> backupName = backupOf(primary.name());
      if (backupName.isEmpty()) {
        throw e;
      }
      SecretStore backup = store(backupName.get());
      LOG.warn(
          "secret store '{}' failed while writing secret '{}'; writing it to backup store '{}'"
              + " as configured: {}",
          primary.name(),
          name,
          backup.name(),
          e.getMessage());
      try {
        return write.apply(backup);
      } catch (SecretStoreException backupFailure) {
        throw new SecretStoreException(
            "writing secret '"
                + name
                + "' failed in store '"
                + primary.name()
                + "' ("
                + e.getMessage()
                + ") and in its backup store '"
                + backup.name()
                + "' ("
                + backupFailure.getMessage()
                + ")",
            backupFailure);
      }
    }
  }

  /** Generates and stores a random secret in the first writable store. */
  public SecretValue createRandom(String name, int length, String alphabet) {
    return createRandom(name, length, alphabet, defaultWritableStore().name());
  }

  /** Generates and stores a random secret in the named store. */
  public SecretValue createRandom(String name, int length, String alphabet, String storeName) {
    SecretNames.requireValid(name);
    SecretStore target = store(storeName);
    String[] written = new String[1];
    SecretValue value =
        withBackup(
            target,
            name,
            store -> {
              SecretValue created = store.createRandom(name, length, alphabet);
              written[0] = store.name();
              return created;
            });
    LOG.info("stored a new random secret '{}' in store '{}'", name, written[0]);
    return value;
  }

  /**
   * Deletes {@code name} from every writable store that holds it, so that no lower-priority copy
   * resurfaces on the next {@link #get}. Read-only stores (the environment) are left alone; a copy
   * there still answers {@code get}.
   *
   * @return the names of the stores it was deleted from (empty if no writable store held it)
   * @throws SecretStoreException if a writable store failed; the message says which stores the
   *     secret was already deleted from
   */
  public List<String> delete(String name) {
    SecretNames.requireValid(name);
    List<String> deletedFrom = new ArrayList<>();
    List<StoreFailure> failures = new ArrayList<>();
    for (SecretStore store : stores) {
      if (!store.writable()) {
        continue;
      }
      try {
        if (store.delete(name)) {
          deletedFrom.add(store.name());
        }
      } catch (SecretStoreException e) {
        failures.add(new StoreFailure(store.name(), e.getMessage()));
      }
    }
    if (!failures.isEmpty()) {
      throw new SecretStoreException(
          "could not delete secret '"
              + name
              + "' everywhere; deleted from: "
              + (deletedFrom.isEmpty() ? "(none)" : String.join(", ", deletedFrom))
              + "; failed: "
              + describe(failures));
    }
    if (!deletedFrom.isEmpty()) {
      LOG.info("deleted secret '{}' from store(s) {}", name, deletedFrom);
    }
    return List.copyOf(deletedFrom);
  }

  /** Deletes {@code name} from the named store only; returns whether it was there. */
  public boolean delete(String name, String storeName) {
    SecretNames.requireValid(name);
    SecretStore target = store(storeName);
    boolean deleted = target.delete(name);
    if (deleted) {
      LOG.info("deleted secret '{}' from store '{}'", name, target.name());
    }
    return deleted;
  }

  /** Every store's secret names (in store priority order, then by name), never values. */
  public SecretListing list() {
    List<ListedSecret> listed = new ArrayList<>();
    List<StoreFailure> failures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SecretStore store : stores) {
      try {
        for (String name : store.list().stream().sorted().toList()) {
          listed.add(new ListedSecret(name, store.name(), !seen.add(name)));
        }
      } catch (SecretStoreException e) {
        LOG.warn("secret store '{}' could not be listed: {}", store.name(), e.getMessage());
        failures.add(new StoreFailure(store.name(), e.getMessage()));
      }
    }
    return new SecretListing(listed, failures);
  }

  /** The health of every store, in the order they are asked. */
  public List<StoreHealth> health() {
    List<StoreHealth> health = new ArrayList<>();
    for (SecretStore store : stores) {
      try {
        health.add(store.health());
      } catch (RuntimeException e) {
        // A health check must report, not throw: one broken store should not hide the others.
        health.add(StoreHealth.down(store.name(), "health check failed: " + e.getMessage()));
      }
    }
    return health;
  }

  /** The store with this name, or a usage error listing the configured ones. */
  public SecretStore store(String storeName) {
    return stores.stream()
        .filter(store -> store.name().equals(storeName))
        .findFirst()
        .orElseThrow(
            () ->
                new UnknownSecretStoreException(
                    storeName, stores.stream().map(SecretStore::name).toList()));
  }

  /** The store that receives writes when none is named: the first writable one. */
  public SecretStore defaultWritableStore() {
    return stores.stream()
        .filter(SecretStore::writable)
        .findFirst()
        .orElseThrow(
            () ->
                new SecretStoreException(
                    "no writable secret store is configured (stores: "
                        + (stores.isEmpty()
                            ? "(none)"
                            : stores.stream()
                                .map(s -> s.name() + " (read-only)")
                                .collect(Collectors.joining(", ")))
                        + "); configure a local keystore or a cloud store"));
  }

  private static String describe(List<StoreFailure> failures) {
    return failures.stream()
        .map(f -> f.store() + " (" + f.reason() + ")")
        .collect(Collectors.joining(", "));
  }
}
