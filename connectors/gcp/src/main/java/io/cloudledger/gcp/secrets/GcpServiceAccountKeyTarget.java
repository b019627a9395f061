package io.cloudledger.gcp.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationTarget;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rotates a GCP service-account key whose key file (JSON) the secret holds, through the IAM REST
 * API ({@code projects.serviceAccounts.keys}; {@code google-cloud-iam-admin} does not resolve
 * here). Every IAM call is authorized by the key in the secret itself, mirroring the AWS access-key
 * target:
 *
 * <ul>
 *   <li>create: {@code keys.create}; the new key file ({@code privateKeyData}) is the new value.
 *       First, a user-managed key not older than the current one that is neither current nor
 *       previous — left by a create that crashed before its value was stored — is deleted, and the
 *       previous key is retired if its grace period is over;
 *   <li>set: checks the new key still exists (it is live from creation);
 *   <li>test: exchanges the new key for an access token at its {@code token_uri};
 *   <li>retire: {@code keys.delete} of the previous key once the grace period, counted from when
 *       the new key became current, has passed; until then both keys work.
 * </ul>
 */
public final class GcpServiceAccountKeyTarget implements RotationTarget {
  public static final String KIND = "gcp-sa-key";
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);

  /** Google's IAM endpoint. */
  public static final URI GOOGLE_IAM = URI.create("https://iam.googleapis.com/");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI iam;
  private final HttpClient http;
  private final Clock clock;
  private final Duration gracePeriod;

  /** {@code iamEndpoint}: {@link #GOOGLE_IAM}, or a session's {@code endpoint_url}. */
  public GcpServiceAccountKeyTarget(
      URI iamEndpoint, HttpClient http, Clock clock, Duration gracePeriod) {
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative");
    }
    String base = iamEndpoint.toString();
    this.iam = URI.create(base.endsWith("/") ? base : base + "/");
    this.http = http;
    this.clock = clock;
    this.gracePeriod = gracePeriod;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The parts of a key file the target needs; the private key stays inside the credential. */
  record KeyFile(String projectId, String email, String keyId, GoogleCredentials credentials) {
    static KeyFile parse(SecretValue value) {
      try {
        JsonNode json = JSON.readTree(value.reveal());
        String email = json.path("client_email").asText("");
        String keyId = json.path("private_key_id").asText("");
        if (!"service_account".equals(json.path("type").asText()) || email.isEmpty()) {
          throw new IllegalArgumentException("not a service-account key");
        }
        GoogleCredentials credentials =
            ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(value.reveal().getBytes(StandardCharsets.UTF_8)))
                .createScoped(GcpClients.CLOUD_PLATFORM);
        return new KeyFile(json.path("project_id").asText("-"), email, keyId, credentials);
      } catch (IOException | RuntimeException e) {
        // The parser's message may quote the key: neither copy nor chain it.
        throw new RotationException(
            "bad-key-file",
            "the secret is not a service-account key file (JSON with type service_account,"
                + " client_email, private_key_id, private_key): "
                + e.getClass().getSimpleName());
      }
    }

    String keysPath() {
      return "v1/projects/" + projectId + "/serviceAccounts/" + email + "/keys";
    }
  }

  private record KeyInfo(String id, Instant validAfter) {}

  @Override
  public SecretValue create(SecretValue current, Optional<SecretValue> previous) {
    KeyFile currentKey = KeyFile.parse(current);
    Optional<String> previousKeyId = previous.map(p -> KeyFile.parse(p).keyId());
    List<KeyInfo> keys = list(currentKey);
    Instant currentCreated =
        keys.stream()
            .filter(k -> k.id().equals(currentKey.keyId()))
            .map(KeyInfo::validAfter)
            .findFirst()
            .orElse(Instant.EPOCH);
    for (KeyInfo key : keys) {
      // Only a key not older than the current one can be left by a crashed create; an older key
      // may be in use elsewhere and is never touched.
      boolean orphan =
          !key.id().equals(currentKey.keyId())
              && previousKeyId.filter(key.id()::equals).isEmpty()
              && !key.validAfter().isBefore(currentCreated);
      if (orphan) {
        delete(currentKey, key.id());
      }
    }
    previousKeyId.ifPresent(id -> retire(currentKey, id, currentCreated));
    JsonNode created =
        call(
            currentKey,
            "POST",
            currentKey.keysPath(),
            "{\"privateKeyType\":\"TYPE_GOOGLE_CREDENTIALS_FILE\","
                + "\"keyAlgorithm\":\"KEY_ALG_RSA_2048\"}",
            "creating a key for " + currentKey.email());
    try {
      return SecretValue.of(
          new String(
              Base64.getDecoder().decode(created.path("privateKeyData").asText()),
              StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new RotationException(
          "iam-error", "IAM answered keys.create without a valid privateKeyData");
    }
  }

  @Override
  public void set(SecretValue pending, SecretValue current) {
    KeyFile pendingKey = KeyFile.parse(pending);
    KeyFile currentKey = KeyFile.parse(current);
    boolean exists = list(currentKey).stream().anyMatch(k -> k.id().equals(pendingKey.keyId()));
    if (!exists) {
      throw new RotationException(
          "pending-key-missing",
          "the pending key "
              + pendingKey.keyId()
              + " of "
              + pendingKey.email()
              + " no longer exists in IAM; discard the pending version and rotate again");
    }
  }

  @Override
  public void test(SecretValue pending) {
    KeyFile pendingKey = KeyFile.parse(pending);
    try {
      pendingKey.credentials().refresh();
    } catch (IOException | RuntimeException e) {
      throw new RotationException(
          "test-failed",
          "exchanging the new key "
              + pendingKey.keyId()
              + " of "
              + pendingKey.email()
              + " for an access token at its token_uri failed: "
              + tokenError(e));
    }
  }

  @Override
  public String retire(SecretValue previous, SecretValue current, Instant supersededAt) {
    return retire(KeyFile.parse(current), KeyFile.parse(previous).keyId(), supersededAt);
  }

  private String retire(KeyFile currentKey, String previousKeyId, Instant supersededAt) {
    Instant deletable = supersededAt.plus(gracePeriod);
    if (clock.instant().isBefore(deletable)) {
      return "old key " + previousKeyId + " kept until " + deletable + " (grace period)";
    }
    return delete(currentKey, previousKeyId)
        ? "deleted old key " + previousKeyId
        : "old key " + previousKeyId + " already deleted";
  }

  private List<KeyInfo> list(KeyFile key) {
    JsonNode body =
        call(
            key,
            "GET",
            key.keysPath() + "?keyTypes=USER_MANAGED",
            null,
            "listing the keys of " + key.email());
    List<KeyInfo> keys = new ArrayList<>();
    for (JsonNode k : body.path("keys")) {
      String name = k.path("name").asText();
      Instant validAfter;
      try {
        validAfter = Instant.parse(k.path("validAfterTime").asText());
      } catch (DateTimeParseException e) {
        validAfter = Instant.EPOCH; // unknown age: treated as old, so never taken for an orphan
      }
      keys.add(new KeyInfo(name.substring(name.lastIndexOf('/') + 1), validAfter));
    }
    return keys;
  }

  private boolean delete(KeyFile key, String keyId) {
    try {
      call(key, "DELETE", key.keysPath() + "/" + keyId, null, "deleting key " + keyId);
      return true;
    } catch (KeyNotFound e) {
      return false;
    }
  }

  /** A 404 from IAM: the key (or account) is not there. */
  private static final class KeyNotFound extends RotationException {
    KeyNotFound(String message) {
      super("not-found", message);
    }
  }

  /**
   * One IAM call authorized by {@code key}; failures name the action, HTTP status and Google's
   * {@code status}, never a body (a {@code keys.create} answer holds a private key).
   */
  private JsonNode call(KeyFile key, String method, String path, String body, String action) {
    URI uri = iam.resolve(path);
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      for (Map.Entry<String, List<String>> header :
          key.credentials().getRequestMetadata(uri).entrySet()) {
        for (String value : header.getValue()) {
          request.header(header.getKey(), value);
        }
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 404) {
        throw new KeyNotFound(action + " failed: 404 " + googleStatus(response));
      }
      if (response.statusCode() / 100 != 2) {
        throw new RotationException(
            "iam-error",
            action + " failed: " + response.statusCode() + " " + googleStatus(response));
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RotationException(
          "iam-unreachable",
          action + " failed: IAM at " + iam + " did not answer (" + tokenError(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RotationException("interrupted", action + " was interrupted");
    }
  }

  private static String googleStatus(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("error").path("status").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The token endpoint's error code ({@code invalid_grant}) when the library reports one, else the
   * failure's class: its message may quote the response, which is not ours to print.
   */
  private static String tokenError(Exception e) {
    String message = String.valueOf(e.getMessage());
    for (String code : List.of("invalid_grant", "invalid_scope", "unauthorized_client")) {
      if (message.contains(code)) {
        return code;
      }
    }
    return e.getClass().getSimpleName();
  }
}
