package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key Vault's secrets REST on the sandbox over raw HTTP: the auth challenge, the wire shapes the
 * SDK parses (ids, epoch-second attributes, nextLink), error bodies and soft delete. The real
 * {@code SecretClient} runs against it in connectors/azure.
 */
class KeyVaultRouteTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "?api-version=7.6";
  private static Sandbox sandbox;
  private static String vaultToken;

  @BeforeAll
  static void start() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1));
    vaultToken = token("https://vault.azure.net/.default");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void request_withoutToken_isChallengedForTheVaultResourceAndTenant() throws Exception {
    HttpResponse<String> response = send("GET", "/secrets/kv-any" + API, null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains(
            "Bearer authorization=\"https://login.microsoftonline.com/"
                + sandbox.azurePrincipal().tenantId()
                + "\", resource=\"https://vault.azure.net\"");
    assertThat(code(response)).isEqualTo("Unauthorized");
  }

  @Test
  void request_withATokenForAnotherAudience_isRefused() throws Exception {
    String armToken = token("https://management.core.windows.net//.default");

    HttpResponse<String> response = send("GET", "/secrets/kv-any" + API, armToken, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(message(response)).contains("AKV10022");
  }

  @Test
  void set_thenGet_returnsTheBundleWithIdVersionAndEpochAttributes() throws Exception {
    HttpResponse<String> set =
        send(
            "PUT",
            "/secrets/kv-shape" + API,
            vaultToken,
            "{\"value\":\"v-one\",\"contentType\":\"text/plain\",\"tags\":{\"team\":\"a\"},"
                + "\"attributes\":{\"exp\":4102444800}}");
    assertThat(set.statusCode()).isEqualTo(200);
    JsonNode bundle = JSON.readTree(set.body());
    String id = bundle.path("id").asText();
    assertThat(id).matches("https://127\\.0\\.0\\.1:\\d+/secrets/kv-shape/[0-9a-f]{32}");
    assertThat(bundle.path("attributes").path("created").isNumber()).isTrue();
    assertThat(bundle.path("attributes").path("exp").asLong()).isEqualTo(4102444800L);
    assertThat(bundle.path("tags").path("team").asText()).isEqualTo("a");

    JsonNode latest =
        JSON.readTree(send("GET", "/secrets/kv-shape/" + API, vaultToken, null).body());
    assertThat(latest.path("value").asText()).isEqualTo("v-one");
    assertThat(latest.path("id").asText()).isEqualTo(id);
    assertThat(latest.path("contentType").asText()).isEqualTo("text/plain");
  }

  @Test
  void get_ofAnUnknownSecretOrVersion_isSecretNotFound() throws Exception {
    send("PUT", "/secrets/kv-known" + API, vaultToken, "{\"value\":\"x\"}");

    HttpResponse<String> unknown = send("GET", "/secrets/kv-unknown" + API, vaultToken, null);
    HttpResponse<String> version =
        send("GET", "/secrets/kv-known/00000000000000000000000000000000" + API, vaultToken, null);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(code(unknown)).isEqualTo("SecretNotFound");
    assertThat(message(unknown)).startsWith("A secret with (name/id) kv-unknown was not found");
    assertThat(version.statusCode()).isEqualTo(404);
    assertThat(code(version)).isEqualTo("SecretNotFound");
  }

  @Test
  void set_withAnInvalidNameOrApiVersion_isBadParameter() throws Exception {
    HttpResponse<String> name =
        send("PUT", "/secrets/has_underscore" + API, vaultToken, "{\"value\":\"x\"}");
    HttpResponse<String> version =
        send("GET", "/secrets/kv-known?api-version=2016-10-01", vaultToken, null);

    assertThat(name.statusCode()).isEqualTo(400);
    assertThat(code(name)).isEqualTo("BadParameter");
    assertThat(version.statusCode()).isEqualTo(400);
    assertThat(code(version)).isEqualTo("BadParameter");
  }

  @Test
  void delete_isSoft_nameIsBlockedUntilPurged() throws Exception {
    send("PUT", "/secrets/kv-soft" + API, vaultToken, "{\"value\":\"first\"}");

    HttpResponse<String> deleted = send("DELETE", "/secrets/kv-soft" + API, vaultToken, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    JsonNode bundle = JSON.readTree(deleted.body());
    assertThat(bundle.path("recoveryId").asText()).endsWith("/deletedsecrets/kv-soft");
    assertThat(bundle.has("value")).isFalse();
    assertThat(bundle.path("scheduledPurgeDate").asLong())
        .isGreaterThan(bundle.path("deletedDate").asLong());

    assertThat(send("GET", "/secrets/kv-soft" + API, vaultToken, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/deletedsecrets/kv-soft" + API, vaultToken, null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> reuse =
        send("PUT", "/secrets/kv-soft" + API, vaultToken, "{\"value\":\"b\"}");
    assertThat(reuse.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(reuse.body()).path("error").path("innererror").path("code").asText())
        .isEqualTo("ObjectIsDeletedButRecoverable");

    assertThat(send("DELETE", "/deletedsecrets/kv-soft" + API, vaultToken, null).statusCode())
        .isEqualTo(204);
    assertThat(send("GET", "/deletedsecrets/kv-soft" + API, vaultToken, null).statusCode())
        .isEqualTo(404);
    assertThat(send("PUT", "/secrets/kv-soft" + API, vaultToken, "{\"value\":\"b\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void list_pagesWithAbsoluteNextLinks_andSkipsDeletedSecrets() throws Exception {
    for (int i = 0; i < 7; i++) {
      send("PUT", "/secrets/kv-page-" + i + API, vaultToken, "{\"value\":\"p\"}");
    }
    send("DELETE", "/secrets/kv-page-3" + API, vaultToken, null);

    List<String> ids = new ArrayList<>();
    String next = sandbox.endpoints().base() + "/secrets" + API + "&maxresults=2";
    int pages = 0;
    while (next != null) {
      String path = URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery();
      JsonNode page = JSON.readTree(send("GET", path, vaultToken, null).body());
      page.path("value").forEach(item -> ids.add(item.path("id").asText()));
      assertThat(page.path("value").size()).isLessThanOrEqualTo(2);
      next = page.path("nextLink").isNull() ? null : page.path("nextLink").asText();
      assertThat(next == null || next.startsWith("https://")).isTrue();
      pages++;
    }

    assertThat(
            ids.stream()
                .filter(id -> id.contains("/secrets/kv-page-"))
                .map(id -> id.substring(id.lastIndexOf('/') + 1)))
        .containsExactly(
            "kv-page-0", "kv-page-1", "kv-page-2", "kv-page-4", "kv-page-5", "kv-page-6");
    assertThat(pages).isGreaterThan(1);
  }

  @Test
  void versions_listsEveryVersionOldestFirst() throws Exception {
    String v1 = id(send("PUT", "/secrets/kv-versions" + API, vaultToken, "{\"value\":\"1\"}"));
    String v2 = id(send("PUT", "/secrets/kv-versions" + API, vaultToken, "{\"value\":\"2\"}"));

    JsonNode page =
        JSON.readTree(send("GET", "/secrets/kv-versions/versions" + API, vaultToken, null).body());

    assertThat(page.path("value").findValuesAsText("id")).containsExactly(v1, v2);
    JsonNode old =
        JSON.readTree(send("GET", URI.create(v1).getRawPath() + API, vaultToken, null).body());
    assertThat(old.path("value").asText()).isEqualTo("1");
  }

  private static String id(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("id").asText();
  }

  static String token(String scope) throws IOException, InterruptedException {
    AzurePrincipal principal = sandbox.azurePrincipal();
    String form =
        "grant_type=client_credentials&client_id="
            + principal.clientId()
            + "&client_secret="
            + URLEncoder.encode(principal.clientSecret(), StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode(scope, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    sandbox
                        .endpoints()
                        .base()
                        .resolve("/" + principal.tenantId() + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  private static HttpResponse<String> send(
      String method, String pathAndQuery, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.endpoints().base() + pathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String code(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("error").path("code").asText();
  }

  private static String message(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("error").path("message").asText();
  }
}
