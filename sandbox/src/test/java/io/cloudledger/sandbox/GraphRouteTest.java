package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.azure.AzureDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Graph's application password operations and the token endpoint over raw HTTP: a password added
 * through Graph gets tokens, a removed one is refused with AADSTS7000215, as in Entra ID.
 */
class GraphRouteTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Sandbox sandbox;
  private static String graphToken;

  @BeforeAll
  static void start() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1));
    graphToken =
        JSON.readTree(
                token(
                        sandbox.azurePrincipal().clientId(),
                        sandbox.azurePrincipal().clientSecret(),
                        "https://graph.microsoft.com/.default")
                    .body())
            .path("access_token")
            .asText();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void addPassword_returnsSecretTextOnce_andTheSecretGetsTokens() throws Exception {
    AzureDirectory.NewApplication app = sandbox.azureDirectory().register("graph-add");

    HttpResponse<String> added =
        post(
            "/v1.0/applications/" + app.application().objectId() + "/addPassword",
            "{\"passwordCredential\":{\"displayName\":\"rotation\"}}");

    assertThat(added.statusCode()).isEqualTo(200);
    JsonNode credential = JSON.readTree(added.body());
    String secret = credential.path("secretText").asText();
    assertThat(credential.path("keyId").asText()).hasSize(36);
    assertThat(credential.path("hint").asText()).isEqualTo(secret.substring(0, 3));
    assertThat(
            token(
                    app.application().appId(),
                    secret,
                    "https://management.core.windows.net//.default")
                .statusCode())
        .isEqualTo(200);
    JsonNode listed =
        JSON.readTree(get("/v1.0/applications(appId='" + app.application().appId() + "')").body());
    assertThat(listed.path("passwordCredentials").size()).isEqualTo(2);
    assertThat(listed.toString()).doesNotContain(secret);
  }

  @Test
  void removePassword_makesTheTokenEndpointRefuseThatSecret() throws Exception {
    AzureDirectory.NewApplication app = sandbox.azureDirectory().register("graph-remove");
    String keyId = app.password().credential().keyId();

    HttpResponse<String> removed =
        post(
            "/v1.0/applications(appId='" + app.application().appId() + "')/removePassword",
            "{\"keyId\":\"" + keyId + "\"}");
    HttpResponse<String> refused =
        token(
            app.application().appId(),
            app.password().secretText(),
            "https://graph.microsoft.com/.default");
    HttpResponse<String> again =
        post(
            "/v1.0/applications/" + app.application().objectId() + "/removePassword",
            "{\"keyId\":\"" + keyId + "\"}");

    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("invalid_client");
    assertThat(refused.body())
        .contains("AADSTS7000215")
        .doesNotContain(app.password().secretText());
    assertThat(again.statusCode()).isEqualTo(404);
  }

  @Test
  void graph_withoutTokenOrWithAnArmToken_is401_unknownAppIs404() throws Exception {
    String armToken =
        JSON.readTree(
                token(
                        sandbox.azurePrincipal().clientId(),
                        sandbox.azurePrincipal().clientSecret(),
                        "https://management.core.windows.net//.default")
                    .body())
            .path("access_token")
            .asText();
    URI app =
        sandbox
            .endpoints()
            .base()
            .resolve(
                "/v1.0/applications/" + sandbox.azureDirectory().principalApplication().objectId());

    HttpResponse<String> none =
        HTTP.send(HttpRequest.newBuilder(app).GET().build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> arm =
        HTTP.send(
            HttpRequest.newBuilder(app).header("Authorization", "Bearer " + armToken).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unknown = get("/v1.0/applications/00000000-0000-0000-0000-000000000000");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).path("error").path("code").asText())
        .isEqualTo("InvalidAuthenticationToken");
    assertThat(arm.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").path("code").asText())
        .isEqualTo("Request_ResourceNotFound");
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(sandbox.endpoints().base().resolve(path))
            .header("Authorization", "Bearer " + graphToken)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(sandbox.endpoints().base().resolve(path))
            .header("Authorization", "Bearer " + graphToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> token(String clientId, String secret, String scope)
      throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id="
            + clientId
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode(scope, StandardCharsets.UTF_8);
    return HTTP.send(
        HttpRequest.newBuilder(
                sandbox
                    .endpoints()
                    .base()
                    .resolve("/" + sandbox.azurePrincipal().tenantId() + "/oauth2/v2.0/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
