package io.cloudledger.core.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Issues, lists and revokes API keys. Names are unique among keys that are not revoked. */
public final class ApiKeyAdmin {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final ApiKeyStore store;
  private final Argon2KeyHasher hasher;
  private final SecureRandom random;
  private final Clock clock;

  public ApiKeyAdmin(ApiKeyStore store, Argon2KeyHasher hasher, SecureRandom random, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
  }

  /** Issues a key; {@code validFor} empty means it never expires. */
  public CreatedApiKey create(String name, Set<ApiKeyScope> scopes, Optional<Duration> validFor) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "API key name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("an API key needs at least one scope");
    }
    Instant now = clock.instant();
    if (store.findByName(name).stream().anyMatch(r -> r.revokedAt().isEmpty())) {
      throw new IllegalArgumentException(
          "an API key named '" + name + "' exists; revoke it first or choose another name");
    }
    PresentedKey key = PresentedKey.generate(random);
    ApiKeyRecord record =
        new ApiKeyRecord(
            key.keyId(),
            name,
            scopes,
            hasher.hash(key.key().reveal()),
            now,
            validFor.map(now::plus),
            Optional.empty(),
            Optional.empty());
    store.create(record);
    return new CreatedApiKey(record, key.key());
  }

  public List<ApiKeyRecord> list() {
    return store.list();
  }

  /** Revokes the active key named {@code name}; false if there is none. */
  public boolean revoke(String name) {
    Instant now = clock.instant();
    List<ApiKeyRecord> active =
        store.findByName(name).stream().filter(r -> r.revokedAt().isEmpty()).toList();
    active.forEach(r -> store.markRevoked(r.keyId(), now));
    return !active.isEmpty();
  }
}
