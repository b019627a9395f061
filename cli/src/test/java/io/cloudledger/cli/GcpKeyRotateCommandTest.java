package io.cloudledger.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@code rotate} of a GCP service-account key held in Secrets Manager: the {@code gcp-sa-key}
 * target, selected by the secret's tags, calls the sandbox's IAM at its GCP session's endpoint.
 */
class GcpKeyRotateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  Sandbox sandbox;
  SecretsManagerClient sm;
  String oldKey;

  @BeforeEach
  void start() throws Exception {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(1)
                .withResourcesPerAccount(4));
    sm =
        SecretsManagerClient.builder()
            .endpointOverride(sandbox.endpoints().aws())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        sandbox.managementKeys().accessKeyId(),
                        sandbox.managementKeys().secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    String project = sandbox.estate().gcp().projects().getFirst().projectId();
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        """
        cloud_sessions:
          - name: aws_main
            session_type: aws
            region: us-east-1
            access_key_id: ENV/SANDBOX_KEY_ID
            secret_access_key: ENV/SANDBOX_SECRET
            endpoint_url: %s
          - name: gcp_main
            session_type: gcp
            project_ids: [%s]
            endpoint_url: %s
        secrets_manager:
          cloud_stores:
            aws_secrets: { store_type: aws, priority: 200, session_name: aws_main, prefix: team/ }
        """
            .formatted(sandbox.endpoints().aws(), project, sandbox.gcpEndpoint()));
    oldKey = createKey(sandbox.gcpServiceAccountKey());
    sm.createSecret(
        r ->
            r.name("team/gcp_sa_key")
                .secretString(oldKey)
                .tags(
                    Tag.builder().key("cloudledger:rotation-target").value("gcp-sa-key").build(),
                    Tag.builder().key("cloudledger:session").value("gcp_main").build(),
                    Tag.builder().key("cloudledger:grace-period").value("PT0S").build()));
  }

  @AfterEach
  void stop() {
    sm.close();
    sandbox.close();
  }

  CliRunner cli() {
    return new CliRunner(home)
        .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password")
        .env("SANDBOX_KEY_ID", sandbox.managementKeys().accessKeyId())
        .env("SANDBOX_SECRET", sandbox.managementKeys().secretAccessKey());
  }

  @Test
  void rotate_createThenResume_newKeyCurrentAndWorking_oldKeyRefused_noKeyPrinted()
      throws Exception {
    CliRunner.Result create = cli().run("rotate", "gcp_sa_key", "--step", "create");
    assertThat(create.exitCode()).as(create.stderr()).isZero();
    assertThat(token(oldKey)).as("the old key works until finish").isNotBlank();

    CliRunner.Result rest = cli().run("rotate", "gcp_sa_key");

    assertThat(rest.exitCode()).as(rest.stderr()).isZero();
    assertThat(sm.describeSecret(r -> r.secretId("team/gcp_sa_key")).versionIdsToStages().values())
        .containsExactlyInAnyOrder(List.of("AWSCURRENT"), List.of("AWSPREVIOUS"));
    String newKey = sm.getSecretValue(r -> r.secretId("team/gcp_sa_key")).secretString();
    assertThat(keyId(newKey)).isNotEqualTo(keyId(oldKey));
    assertThat(token(newKey)).isNotBlank();
    assertThatThrownBy(() -> token(oldKey)).hasMessageContaining("invalid_grant");
    for (String output : List.of(create.all(), rest.all())) {
      assertThat(output)
          .contains("gcp-sa-key")
          .doesNotContain(pemPiece(newKey))
          .doesNotContain(pemPiece(oldKey))
          .doesNotContain("PRIVATE KEY");
    }
  }

  private static String token(String keyJson) throws IOException {
    return ServiceAccountCredentials.fromStream(
            new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)))
        .createScoped("https://www.googleapis.com/auth/cloud-platform")
        .refreshAccessToken()
        .getTokenValue();
  }

  private static String keyId(String keyJson) throws IOException {
    return JSON.readTree(keyJson).path("private_key_id").asText();
  }

  private static String pemPiece(String keyJson) throws IOException {
    return JSON.readTree(keyJson).path("private_key").asText().substring(40, 80);
  }

  private String createKey(String authorizingKey) throws Exception {
    JsonNode key = JSON.readTree(authorizingKey);
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sandbox.gcpEndpoint()
                                + "/v1/projects/"
                                + key.path("project_id").asText()
                                + "/serviceAccounts/"
                                + key.path("client_email").asText()
                                + "/keys"))
                    .header("Authorization", "Bearer " + token(authorizingKey))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(200);
    return new String(
        Base64.getDecoder().decode(JSON.readTree(created.body()).path("privateKeyData").asText()),
        StandardCharsets.UTF_8);
  }
}
