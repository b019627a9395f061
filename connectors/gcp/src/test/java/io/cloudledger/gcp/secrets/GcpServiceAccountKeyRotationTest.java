package io.cloudledger.gcp.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.cloudledger.core.rotation.InMemoryVersionedSecrets;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationStep;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.gcp.session.GcpClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service-account key target with the core rotation state machine, through the sandbox's IAM
 * keys API and token endpoint: crashes after each step, then a fresh re-run; the old key works
 * until finish (and through the grace period), not after.
 */
class GcpServiceAccountKeyRotationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "gcp/sa-key";
  private static final String TOKEN = "token-0001";
  private static SandboxSecrets sandbox;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private InMemoryVersionedSecrets secrets;
  private SecretValue oldKey;
  private final List<String> reported = new ArrayList<>();

  @BeforeAll
  static void start() {
    sandbox = new SandboxSecrets();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void seed() throws Exception {
    secrets = new InMemoryVersionedSecrets(clock);
    oldKey = createKeyWith(sandbox.sandbox.gcpServiceAccountKey());
    secrets.create(SECRET, "v-initial", oldKey);
  }

  private GcpServiceAccountKeyTarget target(Duration grace) {
    return new GcpServiceAccountKeyTarget(
        sandbox.sandbox.gcpEndpoint(), HttpClient.newHttpClient(), clock, grace);
  }

  private void runUpTo(RotationStep last, Duration grace) {
    Rotation rotation = new Rotation(secrets, target(grace));
    for (RotationStep step : RotationStep.values()) {
      reported.add(rotation.step(step, SECRET, TOKEN).detail());
      if (step == last) {
        return;
      }
    }
  }

  private Map<String, List<String>> stages() {
    Map<String, List<String>> out = new TreeMap<>();
    for (SecretVersion v : secrets.versions(SECRET).versions()) {
      if (!v.stages().isEmpty()) {
        out.put(v.versionId(), v.stages().stream().sorted().toList());
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void crashAfterStep_rerun_leavesNewKeyCurrent_oldPrevious_noPending_oldKeyDeletedAtFinish(
      RotationStep crashAfter) throws Exception {
    runUpTo(crashAfter, Duration.ZERO);
    if (crashAfter != RotationStep.FINISH) {
      assertThat(token(oldKey)).as("the old key works until finish").isNotBlank();
    }

    runUpTo(RotationStep.FINISH, Duration.ZERO); // a new Rotation from scratch, same token

    assertThat(stages())
        .isEqualTo(Map.of(TOKEN, List.of("AWSCURRENT"), "v-initial", List.of("AWSPREVIOUS")));
    SecretValue newKey = secrets.valueAt(SECRET, "AWSCURRENT").orElseThrow();
    assertThat(keyId(newKey)).isNotEqualTo(keyId(oldKey));
    assertThat(token(newKey)).isNotBlank();
    assertThatThrownBy(() -> token(oldKey)).hasMessageContaining("invalid_grant");
    assertThat(liveKeyIds()).contains(keyId(newKey)).doesNotContain(keyId(oldKey));
    assertThat(String.join("\n", reported)).doesNotContain(privateKey(newKey), privateKey(oldKey));
  }

  @Test
  void oldKeyKeepsWorkingThroughTheGracePeriod_andIsDeletedByAFinishAfterIt() throws Exception {
    runUpTo(RotationStep.FINISH, Duration.ofHours(1));
    assertThat(reported.getLast()).contains("kept until");
    assertThat(token(oldKey)).as("old key within grace").isNotBlank();

    clock.advance(Duration.ofMinutes(61));
    String again =
        new Rotation(secrets, target(Duration.ofHours(1))).finish(SECRET, TOKEN).detail();

    assertThat(again).contains("deleted old key " + keyId(oldKey));
    assertThatThrownBy(() -> token(oldKey)).hasMessageContaining("invalid_grant");
    assertThat(token(secrets.valueAt(SECRET, "AWSCURRENT").orElseThrow())).isNotBlank();
  }

  @Test
  void createThatCrashedAfterKeysCreate_leavesAnOrphanThatTheRerunDeletes() throws Exception {
    SecretValue orphan = createKeyWith(oldKey.reveal()); // created, then the crash: never stored

    runUpTo(RotationStep.FINISH, Duration.ZERO);

    SecretValue newKey = secrets.valueAt(SECRET, "AWSCURRENT").orElseThrow();
    assertThat(liveKeyIds()).contains(keyId(newKey)).doesNotContain(keyId(orphan), keyId(oldKey));
    assertThatThrownBy(() -> token(orphan)).hasMessageContaining("invalid_grant");
  }

  @Test
  void test_ofADeletedPendingKey_fails_namingTheKeyNotItsSecret() throws Exception {
    runUpTo(RotationStep.CREATE, Duration.ZERO);
    SecretValue pending = secrets.valueAt(SECRET, "AWSPENDING").orElseThrow();
    deleteKey(keyId(pending));

    assertThatThrownBy(() -> new Rotation(secrets, target(Duration.ZERO)).set(SECRET, TOKEN))
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("no longer exists")
        .message()
        .doesNotContain(privateKey(pending));
    assertThatThrownBy(() -> target(Duration.ZERO).test(pending))
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining(keyId(pending));
  }

  @Test
  void aValueThatIsNotAKeyFile_isRefusedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                target(Duration.ZERO)
                    .create(
                        SecretValue.of("{\"not\": \"a key s3cr3t\"}"), java.util.Optional.empty()))
        .isInstanceOf(RotationException.class)
        .hasMessageContaining("not a service-account key file")
        .message()
        .doesNotContain("s3cr3t");
  }

  // ---- helpers: the IAM REST API and the token endpoint, as a user would call them

  private static GoogleCredentials credentials(String keyJson) throws IOException {
    return ServiceAccountCredentials.fromStream(
            new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)))
        .createScoped(GcpClients.CLOUD_PLATFORM);
  }

  /** An access token for the key, or the token endpoint's refusal as an exception. */
  private static String token(SecretValue key) throws IOException {
    return credentials(key.reveal()).refreshAccessToken().getTokenValue();
  }

  private static String keyId(SecretValue key) throws IOException {
    return JSON.readTree(key.reveal()).path("private_key_id").asText();
  }

  private static String privateKey(SecretValue key) throws IOException {
    String pem = JSON.readTree(key.reveal()).path("private_key").asText();
    return pem.substring(40, 80); // a piece of the key material itself
  }

  private static String keysUrl(String keyJson) throws IOException {
    JsonNode key = JSON.readTree(keyJson);
    return sandbox.sandbox.gcpEndpoint()
        + "/v1/projects/"
        + key.path("project_id").asText()
        + "/serviceAccounts/"
        + key.path("client_email").asText()
        + "/keys";
  }

  private static HttpResponse<String> iam(String keyJson, String method, String url)
      throws IOException, InterruptedException {
    String bearer = credentials(keyJson).refreshAccessToken().getTokenValue();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    method.equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static SecretValue createKeyWith(String authorizingKey) throws Exception {
    HttpResponse<String> created = iam(authorizingKey, "POST", keysUrl(authorizingKey));
    assertThat(created.statusCode()).isEqualTo(200);
    return SecretValue.of(
        new String(
            Base64.getDecoder()
                .decode(JSON.readTree(created.body()).path("privateKeyData").asText()),
            StandardCharsets.UTF_8));
  }

  private static void deleteKey(String keyId) throws Exception {
    String main = sandbox.sandbox.gcpServiceAccountKey();
    assertThat(iam(main, "DELETE", keysUrl(main) + "/" + keyId).statusCode()).isEqualTo(200);
  }

  private static List<String> liveKeyIds() throws Exception {
    String main = sandbox.sandbox.gcpServiceAccountKey();
    List<String> ids = new ArrayList<>();
    for (JsonNode key : JSON.readTree(iam(main, "GET", keysUrl(main)).body()).path("keys")) {
      String name = key.path("name").asText();
      ids.add(name.substring(name.lastIndexOf('/') + 1));
    }
    return ids;
  }

  /** A clock the test moves forward. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
