package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SandboxTest {

  @Test
  void start_defaults_servesOnAnEphemeralLoopbackPortWithinOneSecond() {
    long start = System.nanoTime();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("sandbox start-up (defaults): " + millis + " ms");

      assertThat(millis).isLessThan(1000);
      assertThat(sandbox.endpoints().base().getHost()).isEqualTo("127.0.0.1");
      assertThat(sandbox.endpoints().base().getPort()).isPositive();
      assertThat(sandbox.endpoints().aws()).isEqualTo(sandbox.endpoints().base());
      assertThat(sandbox.endpoints().admin().getPath()).isEqualTo("/admin/");
      assertThat(sandbox.estate().accounts()).hasSize(SandboxOptions.DEFAULT_ACCOUNTS);
    }
  }

  @Test
  void start_withFaultSpec_appliesIt() {
    try (Sandbox sandbox =
        Sandbox.start(SandboxOptions.defaults().withFaults("DescribeInstances:throttle=0.5"))) {
      assertThat(sandbox.faults().plan().toSpec()).isEqualTo("DescribeInstances:throttle=0.5");
    }
  }

  @Test
  void close_releasesThePort() {
    Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
    int port = sandbox.endpoints().base().getPort();
    sandbox.close();

    try (Sandbox again = Sandbox.start(SandboxOptions.defaults().withPort(port))) {
      assertThat(again.endpoints().base().getPort()).isEqualTo(port);
    }
  }

  @Test
  void cloudledgerYaml_hasOneSessionPerAccount_pointingAtTheSandbox() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(4))) {
      String yaml = sandbox.cloudledgerYaml();
      JsonNode config = new YAMLMapper().readTree(yaml);

      assertThat(yaml).startsWith("# cloudledger.yaml for the sandbox estate: seed 42");
      JsonNode sessions = config.get("cloud_sessions");
      assertThat(sessions).hasSize(4);
      for (int i = 0; i < 4; i++) {
        AwsAccount account = sandbox.estate().accounts().get(i);
        JsonNode session = sessions.get(i);
        assertThat(session.get("session_type").asText()).isEqualTo("aws");
        assertThat(session.get("role_arn").asText()).isEqualTo(account.roleArn());
        assertThat(session.get("endpoint_url").asText())
            .isEqualTo(sandbox.endpoints().aws().toString());
        assertThat(session.get("regions").asText()).isEqualTo("all");
        assertThat(session.has("external_id")).isEqualTo(account.requiredExternalId().isPresent());
        account
            .requiredExternalId()
            .ifPresent(id -> assertThat(session.get("external_id").asText()).isEqualTo(id));
      }
      assertThat(config.get("inventory").get("store").asText()).isEqualTo("dynamodb");

      HttpResponse<String> served = RawAws.get(sandbox.endpoints().admin().resolve("config"), "");
      assertThat(served.body()).isEqualTo(yaml);
    }
  }

  @Test
  void summary_namesEndpointsAndEveryAccount() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      String summary = sandbox.summary();

      assertThat(summary).contains(sandbox.endpoints().aws().toString());
      sandbox.estate().accounts().forEach(a -> assertThat(summary).contains(a.roleArn()));
    }
  }

  @Test
  void awsEnvironment_pointsSdksAtTheSandbox() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      assertThat(sandbox.awsEnvironment())
          .containsEntry("AWS_ACCESS_KEY_ID", Sandbox.MANAGEMENT_KEYS.accessKeyId())
          .containsEntry("AWS_ENDPOINT_URL", sandbox.endpoints().aws().toString());
      assertThat(Sandbox.MANAGEMENT_KEYS.toString())
          .doesNotContain(Sandbox.MANAGEMENT_KEYS.secretAccessKey());
    }
  }

  @Test
  void adminEstate_describesEveryAccount() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      JsonNode estate =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(RawAws.get(sandbox.endpoints().admin().resolve("estate"), "").body());

      assertThat(estate.get("accounts")).hasSize(3);
      assertThat(estate.get("accounts").get(0).get("accountId").asText())
          .isEqualTo(sandbox.estate().managementAccount().accountId());
    }
  }

  @Test
  void requestWithoutAwsSignatureOrAdminPath_isANotFoundThatSaysWhy() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      HttpResponse<String> response = RawAws.get(sandbox.endpoints().base(), "");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("SigV4 Authorization header");
    }
  }

  @Test
  void options_rejectInvalidValuesWithTheReason() {
    assertThatThrownBy(() -> SandboxOptions.defaults().withPort(70_000))
        .hasMessageContaining("port must be within 0..65535");
    assertThatThrownBy(() -> SandboxOptions.defaults().withAccounts(0))
        .hasMessageContaining("accounts must be at least 1");
    assertThatThrownBy(() -> SandboxOptions.defaults().withFaults("nonsense"))
        .hasMessageContaining("nonsense");
  }
}
