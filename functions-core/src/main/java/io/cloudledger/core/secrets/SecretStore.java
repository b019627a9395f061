package io.cloudledger.core.secrets;

import java.util.List;
import java.util.Optional;

/**
 * A place that holds named secrets (local keystore, environment, a cloud secret manager). The
 * {@link SecretsManager} asks several of them in priority order.
 *
 * <p>Implementations throw {@link SecretStoreException} for failures of the store itself
 * (unreachable, wrong password, tampered file); its message never contains a secret value.
 */
public interface SecretStore {

  /** The name this store is configured under, e.g. {@code keystore-user} or {@code aws_secrets}. */
  String name();

  /** Lower is asked first: the local user keystore is 50, the app keystore 75. */
  int priority();

  /** Whether {@link #set}, {@link #delete} and {@link #createRandom} are supported. */
  boolean writable();

  Optional<SecretValue> get(String name);

  void set(String name, SecretValue value);

  /** Deletes the secret; returns whether it existed. */
  boolean delete(String name);

  /** The names of the secrets held, sorted; never their values. */
  List<String> list();

  /**
   * Generates a random secret of {@code length} characters drawn from {@code alphabet}, stores it
   * and returns it.
   */
  SecretValue createRandom(String name, int length, String alphabet);

  /**
   * What the store knows about the secret besides its value (times, version, tags, expiry), or
   * empty when it does not hold it. Stores without richer metadata report only the name.
   */
  default Optional<SecretMetadata> metadata(String name) {
    return get(name).map(value -> SecretMetadata.nameOnly(name));
  }

  /** Whether the store can be used right now, with a human-readable detail. */
  StoreHealth health();
}
