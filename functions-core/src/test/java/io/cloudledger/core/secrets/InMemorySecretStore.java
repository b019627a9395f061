package io.cloudledger.core.secrets;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A writable in-memory store for tests; {@link #failWith} makes every call fail. */
final class InMemorySecretStore implements SecretStore {
  private final String name;
  private final int priority;
  private final Map<String, SecretValue> secrets = new ConcurrentSkipListMap<>();
  private volatile String failure;
  private final java.util.Set<String> rejectedWrites = ConcurrentHashMap.newKeySet();
  private final java.util.Set<String> garbledReads = ConcurrentHashMap.newKeySet();

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

  /** Writes of this secret fail, as a store with a stricter naming rule would. */
  InMemorySecretStore rejectWritesOf(String secretName) {
    rejectedWrites.add(secretName);
    return this;
  }

  /** Reads of this secret return a different value, as a lossy store would. */
  InMemorySecretStore garbleReadsOf(String secretName) {
    garbledReads.add(secretName);
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
    if (garbledReads.contains(secretName) && secrets.containsKey(secretName)) {
      return Optional.of(SecretValue.of(secrets.get(secretName).reveal() + "-garbled"));
    }
    return Optional.ofNullable(secrets.get(secretName));
  }

  @Override
  public void set(String secretName, SecretValue value) {
    maybeFail();
    if (rejectedWrites.contains(secretName)) {
      throw new SecretStoreException(
          "store '" + name + "' rejected secret '" + secretName + "': quota exceeded");
    }
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
