package io.cloudledger.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where API key records live; shared by every instance of the trigger. */
public interface ApiKeyStore {

  /** Stores a new record; fails if its key id exists. */
  void create(ApiKeyRecord record);

  Optional<ApiKeyRecord> find(String keyId);

  /** Every record with this name (revoked ones included), newest first. */
  List<ApiKeyRecord> findByName(String name);

  List<ApiKeyRecord> list();

  void markRevoked(String keyId, Instant at);

  void markUsed(String keyId, Instant at);
}
