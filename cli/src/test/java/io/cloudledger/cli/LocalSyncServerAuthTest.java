package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.aws.inventory.AwsAccountDirectory;
import io.cloudledger.aws.inventory.AwsSourceSettings;
import io.cloudledger.core.auth.ApiKeyAdmin;
import io.cloudledger.core.auth.ApiKeyAuthenticator;
import io.cloudledger.core.auth.ApiKeyScope;
import io.cloudledger.core.auth.Argon2KeyHasher;
import io.cloudledger.core.auth.InMemoryApiKeyStore;
import io.cloudledger.core.auth.RateLimiter;
import io.cloudledger.core.auth.RateLimits;
import io.cloudledger.core.auth.TriggerGuard;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.inventory.InMemoryInventoryStore;
import io.cloudledger.core.sync.InMemorySyncRunStore;
import io.cloudledger.sandbox.SandboxOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The must-show matrix of issue 14 over the real {@code serve} HTTP endpoint. */
class LocalSyncServerAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Argon2KeyHasher HASHER = Argon2KeyHasher.owasp(RANDOM);

  private static SandboxEstate estate;
  private static LocalSyncServer server;
  private static ApiKeyAdmin admin;
  private static InMemoryApiKeyStore keys;

  @BeforeAll
  static void start() {
    estate =
        SandboxEstate.start(
            SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4), Map.of());
    keys = new InMemoryApiKeyStore();
    admin = new ApiKeyAdmin(keys, HASHER, RANDOM, Clock.systemUTC());
    server =
        LocalSyncServer.start(
            0,
            AwsAccountDirectory.create(
                estate.config(),
                new ConfigResolver(estate.environment(), SecretLookup.none()),
                AwsSourceSettings.defaults()),
            InMemoryInventoryStore.create(),
            new InMemorySyncRunStore(),
            Clock.systemUTC(),
            1,
            Optional.of(
                new TriggerGuard(
                    new ApiKeyAuthenticator(keys, HASHER, Clock.systemUTC()),
                    new RateLimiter(RateLimits.defaults()))));
  }

  @AfterAll
  static void stop() {
    server.close();
    estate.close();
  }

  private static HttpResponse<String> call(String method, String path, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri().resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofString(""));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(Map<String, String> headers) throws Exception {
    return call("POST", "/sync", headers);
  }

  private static Map<String, String> bearer(String key) {
    return Map.of("Authorization", "Bearer " + key);
  }

  private static String issue(String name, ApiKeyScope... scopes) {
    return admin.create(name, Set.of(scopes), Optional.empty()).key().reveal();
  }

  private static void assertUnauthorized(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    // One answer for every failure, so the body cannot tell which part of the key was wrong.
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
  }

  @Test
  void postSync_withoutAKey_is401() throws Exception {
    assertUnauthorized(post(Map.of()));
  }

  @Test
  void postSync_withAMalformedKey_is401() throws Exception {
    assertUnauthorized(post(bearer("not-a-key")));
    assertUnauthorized(post(Map.of("Authorization", "Basic dXNlcjpwYXNz")));
    assertUnauthorized(post(Map.of("X-Api-Key", "cl_short_x")));
  }

  @Test
  void postSync_withAWrongSecretForAKnownKeyId_is401() throws Exception {
    String key = issue("wrong-secret", ApiKeyScope.SYNC_TRIGGER);
    String forged = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");

    assertUnauthorized(post(bearer(forged)));
  }

  @Test
  void postSync_withAnUnknownKey_is401() throws Exception {
    assertUnauthorized(
        post(bearer(io.cloudledger.core.auth.PresentedKey.generate(RANDOM).key().reveal())));
  }

  @Test
  void postSync_withAnExpiredKey_is401() throws Exception {
    ApiKeyAdmin yesterday =
        new ApiKeyAdmin(
            keys,
            HASHER,
            RANDOM,
            Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));
    String key =
        yesterday
            .create("expired", Set.of(ApiKeyScope.SYNC_TRIGGER), Optional.of(Duration.ofHours(1)))
            .key()
            .reveal();

    assertUnauthorized(post(bearer(key)));
  }

  @Test
  void postSync_withARevokedKey_is401_evenRightAfterItWorked() throws Exception {
    String key = issue("revoked", ApiKeyScope.SYNC_TRIGGER);
    assertThat(post(bearer(key)).statusCode()).isEqualTo(202);

    assertThat(admin.revoke("revoked")).isTrue();

    assertUnauthorized(post(bearer(key)));
  }

  @Test
  void postSync_withAReadOnlyKey_is403_butTheKeyReadsStatus() throws Exception {
    String key = issue("reader", ApiKeyScope.SYNC_READ);

    HttpResponse<String> response = post(bearer(key));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("forbidden");
    assertThat(call("GET", "/sync/unknown-request", bearer(key)).statusCode()).isEqualTo(404);
  }

  @Test
  void postSync_withAValidKey_is202_asBearerOrXApiKey() throws Exception {
    String key = issue("trigger", ApiKeyScope.SYNC_TRIGGER, ApiKeyScope.SYNC_READ);

    HttpResponse<String> response = post(bearer(key));
    HttpResponse<String> viaHeader = post(Map.of("X-Api-Key", key));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(viaHeader.statusCode()).isEqualTo(202);
    String requestId = JSON.readTree(response.body()).get("requestId").asText();
    assertThat(call("GET", "/sync/" + requestId, bearer(key)).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/sync/" + requestId, Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void the101stRequestOfAKeyWithinAMinute_is429WithRetryAfter() throws Exception {
    String key = issue("burst", ApiKeyScope.SYNC_TRIGGER, ApiKeyScope.SYNC_READ);

    for (int i = 1; i <= 100; i++) {
      assertThat(call("GET", "/sync/burst-" + i, bearer(key)).statusCode())
          .as("request %d", i)
          .isEqualTo(404);
    }
    HttpResponse<String> limited = post(bearer(key));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(limited.body()).get("error").asText()).isEqualTo("rate_limited");
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    // Another key has its own bucket.
    assertThat(post(bearer(issue("other", ApiKeyScope.SYNC_TRIGGER))).statusCode()).isEqualTo(202);
  }
}
