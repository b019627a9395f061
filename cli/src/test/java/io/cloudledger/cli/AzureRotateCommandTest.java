package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.azure.AzureDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code rotate} with an Azure Key Vault store and the {@code azure-sp-secret} target against the
 * sandbox: the app registration's client secret is replaced through Graph, the new one is current
 * in Key Vault and gets tokens, the old one is refused after finish; no secret in any output or
 * log.
 */
class AzureRotateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  Sandbox sandbox;
  AzureDirectory.NewApplication app;
  SecretClient vault;
  ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    String base = sandbox.endpoints().base().toString();
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        """
        cloud_sessions:
          - name: azure_main
            session_type: azure
            tenant_id: %s
            client_id: %s
            client_secret: ENV/AZURE_SP_SECRET
            endpoint_url: %s
            authority_host: %s
        secrets_manager:
          cloud_stores:
            kv: { store_type: azure, session_name: azure_main, vault_url: "%s", prefix: cl- }
        """
            .formatted(
                sandbox.azurePrincipal().tenantId(),
                sandbox.azurePrincipal().clientId(),
                base,
                base.replace("http://", "https://"),
                base));
    app = sandbox.azureDirectory().register("rotated-by-cli");
    vault = vaultClient();
    KeyVaultSecret initial = new KeyVaultSecret("cl-app-0secret", initialValue());
    initial.setProperties(
        new SecretProperties()
            .setTags(
                Map.of(
                    "cloudledger:rotation-target", "azure-sp-secret",
                    "cloudledger:grace-period", "PT0S")));
    vault.setSecret(initial);
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void stop() {
    root().detachAppender(logs);
    sandbox.close();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** A Key Vault client of the test's own, with a token the sandbox issued to its principal. */
  private SecretClient vaultClient() {
    TokenCredential credential =
        request ->
            Mono.just(
                new AccessToken(
                    issueToken(request.getScopes().getFirst()), OffsetDateTime.now().plusHours(1)));
    return new SecretClientBuilder()
        .vaultUrl(sandbox.endpoints().base().toString().replace("http://", "https://"))
        .credential(credential)
        .addPolicy(new io.cloudledger.azure.session.HttpsToHttpPolicy(sandbox.endpoints().base()))
        .disableChallengeResourceVerification()
        .buildClient();
  }

  private String issueToken(String scope) {
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          sandbox
                              .endpoints()
                              .base()
                              .resolve(
                                  "/" + sandbox.azurePrincipal().tenantId() + "/oauth2/v2.0/token"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofString(
                              "grant_type=client_credentials&client_id="
                                  + sandbox.azurePrincipal().clientId()
                                  + "&client_secret="
                                  + java.net.URLEncoder.encode(
                                      sandbox.azurePrincipal().clientSecret(),
                                      java.nio.charset.StandardCharsets.UTF_8)
                                  + "&scope="
                                  + java.net.URLEncoder.encode(
                                      scope, java.nio.charset.StandardCharsets.UTF_8)))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body()).path("access_token").asText();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private String initialValue() {
    return JSON.createObjectNode()
        .put("tenantId", sandbox.azurePrincipal().tenantId())
        .put("clientId", app.application().appId())
        .put("clientSecret", app.password().secretText())
        .put("keyId", app.password().credential().keyId())
        .toString();
  }

  CliRunner cli() {
    return new CliRunner(home)
        .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password")
        .env("AZURE_SP_SECRET", sandbox.azurePrincipal().clientSecret());
  }

  private String logged() {
    return logs.list.stream()
        .map(
            e ->
                e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void rotate_replacesTheClientSecret_newOneCurrentAndWorking_oldOneRefused_nothingPrinted()
      throws Exception {
    CliRunner.Result result = cli().run("--verbose", "rotate", "app_secret", "--store", "kv");

    assertThat(result.exitCode()).as(result.all()).isZero();
    JsonNode current = JSON.readTree(vault.getSecret("cl-app-0secret").getValue());
    String newSecret = current.path("clientSecret").asText();
    assertThat(current.path("keyId").asText()).isNotEqualTo(app.password().credential().keyId());
    assertThat(sandbox.azureDirectory().acceptsSecret(app.application().appId(), newSecret))
        .isTrue();
    assertThat(
            sandbox
                .azureDirectory()
                .acceptsSecret(app.application().appId(), app.password().secretText()))
        .isFalse();
    assertThat(result.stderr())
        .contains("removed old secret " + app.password().credential().keyId());
    assertThat(vault.getSecret("cl-app-0secret").getProperties().getTags())
        .containsEntry("cloudledger:rotation-target", "azure-sp-secret");
    assertThat(logs.list).as("--verbose logs the SDKs' sign-ins, searched below").isNotEmpty();
    assertThat(result.all() + logged())
        .doesNotContain(newSecret)
        .doesNotContain(app.password().secretText())
        .doesNotContain(sandbox.azurePrincipal().clientSecret());
  }

  @Test
  void rotate_stepByStep_thenWithoutStep_resumesThePendingRotation() throws Exception {
    CliRunner.Result create =
        cli().run("rotate", "app_secret", "--store", "kv", "--step", "create", "--output", "json");
    assertThat(create.exitCode()).as(create.all()).isZero();
    String token = JSON.readTree(create.stdout()).path("token").asText();
    assertThat(
            sandbox
                .azureDirectory()
                .acceptsSecret(app.application().appId(), app.password().secretText()))
        .as("old secret works while pending")
        .isTrue();
    assertThat(vault.getSecret("cl-app-0secret").getValue()).isEqualTo(initialValue());

    CliRunner.Result rest = cli().run("rotate", "app_secret", "--store", "kv", "--output", "json");

    assertThat(rest.exitCode()).as(rest.all()).isZero();
    assertThat(JSON.readTree(rest.stdout()).path("token").asText()).isEqualTo(token);
    JsonNode current = JSON.readTree(vault.getSecret("cl-app-0secret").getValue());
    assertThat(sandbox.azureDirectory().passwords(app.application().objectId()))
        .extracting(AzureDirectory.PasswordCredential::keyId)
        .containsExactly(current.path("keyId").asText());
    assertThat(create.all() + rest.all() + logged())
        .doesNotContain(current.path("clientSecret").asText())
        .doesNotContain(app.password().secretText());
  }
}
