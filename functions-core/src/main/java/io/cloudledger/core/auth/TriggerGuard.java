package io.cloudledger.core.auth;

import io.cloudledger.core.dispatch.ApiResponse;
import io.cloudledger.core.dispatch.SyncApi;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of an HTTP trigger the product serves itself: a global rate limit (so unauthenticated
 * floods cannot burn CPU on Argon2), the API key with the scope the route needs, then the key's own
 * rate limit. Every decision is written to the {@code io.cloudledger.audit} log with the key's name
 * (never the key).
 */
public final class TriggerGuard {
  private static final Logger AUDIT = LoggerFactory.getLogger("io.cloudledger.audit");

  private final ApiKeyAuthenticator authenticator;
  private final RateLimiter limiter;

  public TriggerGuard(ApiKeyAuthenticator authenticator, RateLimiter limiter) {
    this.authenticator = authenticator;
    this.limiter = limiter;
  }

  /**
   * The scope a request needs: reads need {@code sync:read}, everything else {@code sync:trigger}.
   */
  public static ApiKeyScope requiredScope(String method) {
    return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD")
        ? ApiKeyScope.SYNC_READ
        : ApiKeyScope.SYNC_TRIGGER;
  }

  /**
   * The presented key from {@code Authorization: Bearer <key>} or else {@code X-Api-Key}; both
   * header values may be empty.
   */
  public static Optional<String> presentedKey(
      Optional<String> authorization, Optional<String> xApiKey) {
    if (authorization.isPresent()) {
      String value = authorization.get().strip();
      return value.toLowerCase(Locale.ROOT).startsWith("bearer ")
          ? Optional.of(value.substring("bearer ".length()).strip())
          : Optional.of("");
    }
    return xApiKey.map(String::strip);
  }

  public GuardDecision check(String method, String path, Optional<String> key, String source) {
    Optional<Duration> globalWait = limiter.acquireGlobal();
    if (globalWait.isPresent()) {
      return audit("-", source, method, path, "rate-limited-global", tooMany(globalWait.get()));
    }
    AuthDecision decision = authenticator.authenticate(key, requiredScope(method));
    return switch (decision) {
      case AuthDecision.Unauthenticated u ->
          audit(
              "-",
              source,
              method,
              path,
              "unauthenticated",
              refused(SyncApi.error(401, "unauthorized", "a valid API key is required")));
      case AuthDecision.Forbidden f ->
          audit(
              f.keyName(),
              source,
              method,
              path,
              "forbidden",
              refused(
                  SyncApi.error(
                      403,
                      "forbidden",
                      "this API key lacks the scope " + requiredScope(method).text())));
      case AuthDecision.Authenticated a -> {
        Optional<Duration> wait = limiter.acquire(a.keyName());
        yield wait.isPresent()
            ? audit(a.keyName(), source, method, path, "rate-limited", tooMany(wait.get()))
            : audit(
                a.keyName(),
                source,
                method,
                path,
                "accepted",
                new GuardDecision.Allowed(a.keyName()));
      }
    };
  }

  private static GuardDecision.Refused refused(ApiResponse response) {
    return new GuardDecision.Refused(response, Map.of());
  }

  private static GuardDecision.Refused tooMany(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return new GuardDecision.Refused(
        SyncApi.error(
            429, "rate_limited", "too many requests; retry after " + seconds + " seconds"),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  private static GuardDecision audit(
      String keyName,
      String source,
      String method,
      String path,
      String outcome,
      GuardDecision decision) {
    AUDIT.info(
        "trigger keyName={} source={} method={} path={} decision={}",
        keyName,
        source,
        method,
        path,
        outcome);
    return decision;
  }
}
