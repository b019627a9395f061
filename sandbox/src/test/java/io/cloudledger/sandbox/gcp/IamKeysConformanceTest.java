package io.cloudledger.sandbox.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IAM {@code projects.serviceAccounts.keys} over REST with a token from the sandbox, and the token
 * endpoint honouring each created key until it is deleted (real {@code ServiceAccountCredentials}).
 */
class IamKeysConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Sandbox sandbox;
  private static String mainKey;
  private static String keysUrl;

  @BeforeAll
  static void start() throws IOException {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(1)
                .withResourcesPerAccount(4));
    mainKey = sandbox.gcpServiceAccountKey();
    JsonNode key = JSON.readTree(mainKey);
    keysUrl =
        sandbox.gcpEndpoint()
            + "/v1/projects/"
            + key.path("project_id").asText()
            + "/serviceAccounts/"
            + key.path("client_email").asText()
            + "/keys";
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static String token(String keyJson) throws IOException {
    return ServiceAccountCredentials.fromStream(
            new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)))
        .createScoped("https://www.googleapis.com/auth/cloud-platform")
        .refreshAccessToken()
        .getTokenValue();
  }

  private static HttpResponse<String> call(String method, String url, String bearer)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString(
                        "{\"privateKeyType\":\"TYPE_GOOGLE_CREDENTIALS_FILE\"}")
                    : HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void create_returnsAKeyFileThatGetsTokens_untilTheKeyIsDeleted() throws Exception {
    HttpResponse<String> created = call("POST", keysUrl, token(mainKey));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(created.body());
    String name = body.path("name").asText();
    String keyId = name.substring(name.lastIndexOf('/') + 1);
    String keyFile =
        new String(
            Base64.getDecoder().decode(body.path("privateKeyData").asText()),
            StandardCharsets.UTF_8);
    JsonNode file = JSON.readTree(keyFile);

    assertThat(body.path("keyType").asText()).isEqualTo("USER_MANAGED");
    assertThat(body.path("validAfterTime").asText()).isNotBlank();
    assertThat(file.path("private_key_id").asText()).isEqualTo(keyId);
    assertThat(file.path("token_uri").asText()).isEqualTo(sandbox.gcpEndpoint() + "/token");
    assertThat(token(keyFile)).isNotBlank();
    assertThat(listedIds()).contains(keyId);
    assertThat(JSON.readTree(call("GET", keysUrl, token(mainKey)).body()).has("keys")).isTrue();

    assertThat(call("DELETE", keysUrl + "/" + keyId, token(mainKey)).statusCode()).isEqualTo(200);

    assertThatThrownBy(() -> token(keyFile)).hasMessageContaining("invalid_grant");
    assertThat(listedIds()).doesNotContain(keyId);
    HttpResponse<String> again = call("DELETE", keysUrl + "/" + keyId, token(mainKey));
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(again.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
    assertThat(token(mainKey)).as("the built-in key is unaffected").isNotBlank();
  }

  @Test
  void withoutToken_isUnauthenticated_andUnknownAccountIsNotFound() throws Exception {
    HttpResponse<String> anonymous = call("GET", keysUrl, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(anonymous.body()).at("/error/status").asText())
        .isEqualTo("UNAUTHENTICATED");

    HttpResponse<String> unknown =
        call("GET", keysUrl.replace("cloudledger-reader@", "someone-else@"), token(mainKey));
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void atMostTenKeys_thenFailedPrecondition() throws Exception {
    String bearer = token(mainKey);
    List<String> made = new ArrayList<>();
    int status;
    do {
      HttpResponse<String> created = call("POST", keysUrl, bearer);
      status = created.statusCode();
      if (status == 200) {
        String name = JSON.readTree(created.body()).path("name").asText();
        made.add(name.substring(name.lastIndexOf('/') + 1));
      }
    } while (status == 200 && made.size() <= 10);

    assertThat(status).isEqualTo(400);
    assertThat(listedIds()).hasSize(10);
    for (String id : made) {
      call("DELETE", keysUrl + "/" + id, bearer);
    }
  }

  private static List<String> listedIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode key : JSON.readTree(call("GET", keysUrl, token(mainKey)).body()).path("keys")) {
      String name = key.path("name").asText();
      ids.add(name.substring(name.lastIndexOf('/') + 1));
    }
    return ids;
  }
}
