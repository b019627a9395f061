package io.cloudledger.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The guard's order: global limit, key and scope, then the key's limit. */
class TriggerGuardTest {
  private final SecureRandom random = new SecureRandom();
  private final Argon2KeyHasher hasher = new Argon2KeyHasher(64, 1, 1, random);
  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeyAdmin admin = new ApiKeyAdmin(store, hasher, random, Clock.systemUTC());

  private TriggerGuard guard(RateLimits limits) {
    return new TriggerGuard(
        new ApiKeyAuthenticator(store, hasher, Clock.systemUTC()), new RateLimiter(limits));
  }

  @Test
  void presentedKey_prefersBearer_andTreatsOtherSchemesAsEmpty() {
    assertThat(TriggerGuard.presentedKey(Optional.of("Bearer  k1 "), Optional.of("k2")))
        .contains("k1");
    assertThat(TriggerGuard.presentedKey(Optional.of("Basic abc"), Optional.of("k2"))).contains("");
    assertThat(TriggerGuard.presentedKey(Optional.empty(), Optional.of("k2"))).contains("k2");
    assertThat(TriggerGuard.presentedKey(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void check_overTheGlobalLimit_is429_evenWithoutAKey() {
    TriggerGuard guard = guard(new RateLimits(10, 2, Duration.ofMinutes(1)));
    guard.check("POST", "/sync", Optional.empty(), "127.0.0.1");
    guard.check("POST", "/sync", Optional.empty(), "127.0.0.1");

    GuardDecision third = guard.check("POST", "/sync", Optional.empty(), "127.0.0.1");

    assertThat(third).isInstanceOf(GuardDecision.Refused.class);
    GuardDecision.Refused refused = (GuardDecision.Refused) third;
    assertThat(refused.response().status()).isEqualTo(429);
    assertThat(Integer.parseInt(refused.headers().get("Retry-After"))).isBetween(1, 60);
  }

  @Test
  void check_perKeyLimit_isPerKey() {
    TriggerGuard guard = guard(new RateLimits(1, 100, Duration.ofMinutes(1)));
    String a = admin.create("a", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.empty()).key().reveal();
    String b = admin.create("b", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.empty()).key().reveal();

    assertThat(guard.check("POST", "/sync", Optional.of(a), "h"))
        .isEqualTo(new GuardDecision.Allowed("a"));
    assertThat(guard.check("POST", "/sync", Optional.of(a), "h"))
        .isInstanceOfSatisfying(
            GuardDecision.Refused.class, r -> assertThat(r.response().status()).isEqualTo(429));
    assertThat(guard.check("POST", "/sync", Optional.of(b), "h"))
        .isEqualTo(new GuardDecision.Allowed("b"));
  }

  @Test
  void requiredScope_readsNeedRead_everythingElseTrigger() {
    assertThat(TriggerGuard.requiredScope("GET")).isEqualTo(ApiKeyScope.SYNC_READ);
    assertThat(TriggerGuard.requiredScope("POST")).isEqualTo(ApiKeyScope.SYNC_TRIGGER);
    assertThat(TriggerGuard.requiredScope("DELETE")).isEqualTo(ApiKeyScope.SYNC_TRIGGER);
  }

  @Test
  void check_auditsEveryDecisionWithTheKeyName_neverTheKey() {
    TriggerGuard guard = guard(new RateLimits(1, 100, Duration.ofMinutes(1)));
    String key = admin.create("ci", Set.of(ApiKeyScope.SYNC_READ), Optional.empty()).key().reveal();
    Logger audit = (Logger) LoggerFactory.getLogger("io.cloudledger.audit");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    audit.addAppender(appender);
    try {
      guard.check("GET", "/sync/r1", Optional.of(key), "10.0.0.7");
      guard.check("GET", "/sync/r1", Optional.of(key), "10.0.0.7");
      guard.check("POST", "/sync", Optional.of(key), "10.0.0.7");
      guard.check("POST", "/sync", Optional.of(key + "x"), "10.0.0.8");
    } finally {
      audit.detachAppender(appender);
    }

    List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines)
        .containsExactly(
            "trigger keyName=ci source=10.0.0.7 method=GET path=/sync/r1 decision=accepted",
            "trigger keyName=ci source=10.0.0.7 method=GET path=/sync/r1 decision=rate-limited",
            "trigger keyName=ci source=10.0.0.7 method=POST path=/sync decision=forbidden",
            "trigger keyName=- source=10.0.0.8 method=POST path=/sync decision=unauthenticated");
    assertThat(String.join("\n", lines)).doesNotContain(key.substring(17, 33));
  }
}
