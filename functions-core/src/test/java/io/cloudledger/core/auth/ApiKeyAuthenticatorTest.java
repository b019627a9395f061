package io.cloudledger.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key checks: every failure looks the same, scopes give 403, expiry and revocation apply. */
class ApiKeyAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final SecureRandom random = new SecureRandom();
  // Small Argon2 parameters keep this unit test fast; the format carries them.
  private final Argon2KeyHasher hasher = new Argon2KeyHasher(64, 1, 1, random);
  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeyAdmin admin =
      new ApiKeyAdmin(store, hasher, random, Clock.fixed(NOW, ZoneOffset.UTC));

  private ApiKeyAuthenticator at(Instant now) {
    return new ApiKeyAuthenticator(store, hasher, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void authenticate_withTheScope_namesTheKey_andRecordsLastUse() {
    CreatedApiKey key = admin.create("ci", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.empty());

    AuthDecision decision =
        at(NOW).authenticate(Optional.of(key.key().reveal()), ApiKeyScope.SYNC_TRIGGER);

    assertThat(decision)
        .isEqualTo(new AuthDecision.Authenticated("ci", Set.of(ApiKeyScope.SYNC_TRIGGER)));
    assertThat(store.find(key.record().keyId()).orElseThrow().lastUsedAt()).contains(NOW);
  }

  @Test
  void authenticate_withoutTheScope_isForbidden() {
    CreatedApiKey key = admin.create("reader", Set.of(ApiKeyScope.SYNC_READ), Optional.empty());

    assertThat(at(NOW).authenticate(Optional.of(key.key().reveal()), ApiKeyScope.SYNC_TRIGGER))
        .isEqualTo(new AuthDecision.Forbidden("reader"));
  }

  @Test
  void authenticate_missingMalformedUnknownOrWrong_isTheSameUnauthenticated() {
    CreatedApiKey key = admin.create("ci", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.empty());
    String wrongSecret =
        "cl_"
            + key.record().keyId()
            + "_"
            + PresentedKey.generate(random).key().reveal().substring(16);
    ApiKeyAuthenticator authenticator = at(NOW);

    for (Optional<String> presented :
        new Optional[] {
          Optional.empty(),
          Optional.of(""),
          Optional.of("garbage"),
          Optional.of(PresentedKey.generate(random).key().reveal()),
          Optional.of(wrongSecret)
        }) {
      assertThat(authenticator.authenticate(presented, ApiKeyScope.SYNC_TRIGGER))
          .as(presented.map(p -> p.length() + " chars").orElse("missing"))
          .isEqualTo(new AuthDecision.Unauthenticated());
    }
  }

  @Test
  void authenticate_afterExpiry_isUnauthenticated_evenWhenTheVerificationIsCached() {
    CreatedApiKey key =
        admin.create(
            "short", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.of(Duration.ofSeconds(30)));
    Instant[] now = {NOW};
    ApiKeyAuthenticator authenticator =
        new ApiKeyAuthenticator(
            store,
            hasher,
            new Clock() {
              @Override
              public ZoneOffset getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(java.time.ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return now[0];
              }
            });
    Optional<String> presented = Optional.of(key.key().reveal());
    assertThat(authenticator.authenticate(presented, ApiKeyScope.SYNC_TRIGGER))
        .isInstanceOf(AuthDecision.Authenticated.class);

    now[0] = NOW.plusSeconds(31);

    assertThat(authenticator.authenticate(presented, ApiKeyScope.SYNC_TRIGGER))
        .isEqualTo(new AuthDecision.Unauthenticated());
  }

  @Test
  void create_withADuplicateActiveName_isRefused() {
    admin.create("ci", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.empty());

    assertThatThrownBy(() -> admin.create("ci", Set.of(ApiKeyScope.SYNC_READ), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ci' exists");
  }

  @Test
  void hasher_verifiesOnlyTheHashedKey_andRejectsMalformedEncodings() {
    Argon2KeyHasher owasp = Argon2KeyHasher.owasp(random);
    String encoded = owasp.hash("cl_key");

    assertThat(encoded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(owasp.verify(encoded, "cl_key")).isTrue();
    assertThat(owasp.verify(encoded, "cl_kez")).isFalse();
    assertThat(owasp.verify("$argon2id$v=19$x$y", "cl_key")).isFalse();
    assertThat(owasp.verify("plain", "cl_key")).isFalse();
  }
}
