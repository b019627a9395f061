package io.cloudledger.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks presented API keys. A successful Argon2 verification is remembered for {@link
 * #VERIFIED_FOR} (keyed by the SHA-256 of the presented key, never the key), so a burst of requests
 * costs one slow hash, not one each; revocation and expiry still apply at once because the record
 * is read on every request.
 */
public final class ApiKeyAuthenticator {
  static final Duration VERIFIED_FOR = Duration.ofSeconds(60);

  /** How stale last-used may get before it is written again: one write a minute per key at most. */
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private final ApiKeyStore store;
  private final Argon2KeyHasher hasher;
  private final Clock clock;
  private final String dummyHash;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(String hash, Instant until) {}

  public ApiKeyAuthenticator(ApiKeyStore store, Argon2KeyHasher hasher, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    // An unknown key id still costs one verification, so timing does not reveal which ids exist.
    this.dummyHash = hasher.hash(PresentedKey.generate(new SecureRandom()).key().reveal());
  }

  /** Checks {@code presented} (the header value, may be empty) for {@code required}. */
  public AuthDecision authenticate(Optional<String> presented, ApiKeyScope required) {
    Optional<PresentedKey> key = presented.flatMap(PresentedKey::parse);
    if (key.isEmpty()) {
      return new AuthDecision.Unauthenticated();
    }
    String secret = key.get().key().reveal();
    Optional<ApiKeyRecord> record = store.find(key.get().keyId());
    if (record.isEmpty()) {
      hasher.verify(dummyHash, secret);
      return new AuthDecision.Unauthenticated();
    }
    Instant now = clock.instant();
    if (!matches(record.get(), secret, now) || !record.get().activeAt(now)) {
      return new AuthDecision.Unauthenticated();
    }
    touch(record.get(), now);
    if (!record.get().scopes().contains(required)) {
      return new AuthDecision.Forbidden(record.get().name());
    }
    return new AuthDecision.Authenticated(record.get().name(), record.get().scopes());
  }

  private boolean matches(ApiKeyRecord record, String secret, Instant now) {
    String digest = sha256(secret);
    Verified cached = verified.get(digest);
    if (cached != null
        && now.isBefore(cached.until())
        && MessageDigest.isEqual(
            cached.hash().getBytes(StandardCharsets.UTF_8),
            record.hash().getBytes(StandardCharsets.UTF_8))) {
      return true;
    }
    if (!hasher.verify(record.hash(), secret)) {
      return false;
    }
    verified.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
    verified.put(digest, new Verified(record.hash(), now.plus(VERIFIED_FOR)));
    return true;
  }

  private void touch(ApiKeyRecord record, Instant now) {
    if (record.lastUsedAt().map(t -> t.plus(LAST_USED_PRECISION).isBefore(now)).orElse(true)) {
      store.markUsed(record.keyId(), now);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
