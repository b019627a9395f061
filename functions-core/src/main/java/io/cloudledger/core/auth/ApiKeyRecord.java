package io.cloudledger.core.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What is stored about an API key: never the key, only its slow hash ({@link Argon2KeyHasher}'s
 * encoded form with salt and parameters).
 */
public record ApiKeyRecord(
    String keyId,
    String name,
    Set<ApiKeyScope> scopes,
    String hash,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt,
    Optional<Instant> lastUsedAt) {

  public ApiKeyRecord {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(name, "name");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }

  /** Whether the key may be used at {@code now}: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }

  public ApiKeyRecord revoked(Instant at) {
    return new ApiKeyRecord(
        keyId, name, scopes, hash, createdAt, expiresAt, Optional.of(at), lastUsedAt);
  }

  public ApiKeyRecord usedAt(Instant at) {
    return new ApiKeyRecord(
        keyId, name, scopes, hash, createdAt, expiresAt, revokedAt, Optional.of(at));
  }
}
