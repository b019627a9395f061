package io.cloudledger.core.secrets;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A writable in-memory store for tests; {@link #failWith} makes every call fail. */
final class InMemorySecretStore implements SecretStore {
  private final String name;
  private final int priority;
  private final Map<String, SecretValue> secrets = new ConcurrentSkipListMap<>();
  private volatile String failure;

  InMemorySecretStore(String name, int priority) {
    this.name = name;
    this.priority = priority;
  }

  InMemorySecretStore with(String secretName, String value) {
    secrets.put(secretName, SecretValue.of(value));
    return this;
  }

  /** From now on every call throws a {@link SecretStoreException} with this message. */
  InMemorySecretStore failWith(String message) {
    this.failure = message;
    return this;
  }

  Map<String, SecretValue> contents() {
    return Map.copyOf(secrets);
  }

  private void maybeFail() {
    if (failure != null) {
      throw new SecretStoreException(failure);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public Optional<SecretValue> get(String secretName) {
    maybeFail();
    return Optional.ofNullable(secrets.get(secretName));
  }

  @Override
  public void set(String secretName, SecretValue value) {
    maybeFail();
    secrets.put(secretName, value);
  }

  @Override
  public boolean delete(String secretName) {
    maybeFail();
    return secrets.remove(secretName) != null;
  }

  @Override
  public List<String> list() {
    maybeFail();
    return List.copyOf(secrets.keySet());
  }

  @Override
  public SecretValue createRandom(String secretName, int length, String alphabet) {
    maybeFail();
    SecretValue value = RandomSecrets.generate(new SecureRandom(), length, alphabet);
    secrets.put(secretName, value);
    return value;
  }

  @Override
  public StoreHealth health() {
    return failure == null ? StoreHealth.up(name, "in memory") : StoreHealth.down(name, failure);
  }
}
