package io.cloudledger.core.auth;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ApiKeyStore} in memory, for tests and a single process. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final Map<String, ApiKeyRecord> records = new ConcurrentHashMap<>();

  @Override
  public void create(ApiKeyRecord record) {
    if (records.putIfAbsent(record.keyId(), record) != null) {
      throw new IllegalStateException("API key id " + record.keyId() + " exists already");
    }
  }

  @Override
  public Optional<ApiKeyRecord> find(String keyId) {
    return Optional.ofNullable(records.get(keyId));
  }

  @Override
  public List<ApiKeyRecord> findByName(String name) {
    return list().stream().filter(r -> r.name().equals(name)).toList();
  }

  @Override
  public List<ApiKeyRecord> list() {
    return records.values().stream()
        .sorted(Comparator.comparing(ApiKeyRecord::createdAt).reversed())
        .toList();
  }

  @Override
  public void markRevoked(String keyId, Instant at) {
    records.computeIfPresent(keyId, (id, r) -> r.revoked(at));
  }

  @Override
  public void markUsed(String keyId, Instant at) {
    records.computeIfPresent(keyId, (id, r) -> r.usedAt(at));
  }
}
