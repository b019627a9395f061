package io.cloudledger.lambda.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.aws.secrets.IamAccessKeyTarget;
import io.cloudledger.aws.secrets.SecretsManagerRotations;
import io.cloudledger.core.rotation.RotationConflictException;
import io.cloudledger.core.rotation.RotationStep;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/** The rotation Lambda driven by the real event JSON, against the sandbox's Secrets Manager. */
class RotationHandlerTest {
  static final String FIXTURE = "/events/secretsmanager_rotation_event.json";
  static final String INITIAL = "initial-password-value-0001";
  static final ObjectMapper JSON = new ObjectMapper();

  Sandbox sandbox;
  SdkHttpClient http = UrlConnectionHttpClient.create();
  SecretsManagerClient sm;
  String arn;
  String oldVersion;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1).withResourcesPerAccount(4));
    StaticCredentialsProvider management =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                sandbox.managementKeys().accessKeyId(),
                sandbox.managementKeys().secretAccessKey()));
    sm =
        SecretsManagerClient.builder()
            .endpointOverride(sandbox.endpoints().aws())
            .region(Region.US_EAST_1)
            .credentialsProvider(management)
            .httpClient(http)
            .build();
    var created =
        sm.createSecret(
            r ->
                r.name("app/db-password")
                    .secretString(INITIAL)
                    .tags(
                        Tag.builder()
                            .key(SecretsManagerRotations.TARGET_TAG)
                            .value("random-password")
                            .build()));
    arn = created.arn();
    oldVersion = created.versionId();
  }

  @AfterEach
  void stop() {
    sm.close();
    http.close();
    sandbox.close();
  }

  /** A fresh handler, as a new Lambda container would build it. */
  RotationHandler handler() {
    return new RotationHandler(
        new SecretsManagerRotations(
            sm,
            (session, grace) ->
                new IamAccessKeyTarget(
                    signer ->
                        IamClient.builder()
                            .endpointOverride(sandbox.endpoints().aws())
                            .region(Region.AWS_GLOBAL)
                            .credentialsProvider(signer)
                            .httpClient(http)
                            .build(),
                    signer ->
                        StsClient.builder()
                            .endpointOverride(sandbox.endpoints().aws())
                            .region(Region.US_EAST_1)
                            .credentialsProvider(signer)
                            .httpClient(http)
                            .build(),
                    Clock.systemUTC(),
                    grace)));
  }

  /** The fixture event, pointed at the sandbox secret, for {@code step}. */
  InputStream event(RotationStep step, String token) throws IOException {
    try (InputStream fixture = getClass().getResourceAsStream(FIXTURE)) {
      ObjectNode event = (ObjectNode) JSON.readTree(fixture);
      event.put("SecretId", arn).put("Step", step.awsName()).put("ClientRequestToken", token);
      return new ByteArrayInputStream(JSON.writeValueAsBytes(event));
    }
  }

  @Test
  void fixture_parsesIntoTheCoreStep() throws IOException {
    try (InputStream fixture = getClass().getResourceAsStream(FIXTURE)) {
      RotationEvent event = RotationEvent.read(fixture);
      assertThat(event.rotationStep()).isEqualTo(RotationStep.CREATE);
      assertThat(event.clientRequestToken()).isEqualTo("d8f5c2a4-3b6e-4f71-9a0c-5e2d7b1f8c36");
      assertThat(event.secretId()).startsWith("arn:aws:secretsmanager:");
    }
  }

  @Test
  void fourEvents_rotateTheSecret_andLogNoValue() throws IOException {
    String token = "d8f5c2a4-3b6e-4f71-9a0c-5e2d7b1f8c36";
    RecordingContext context = new RecordingContext("req-1");
    for (RotationStep step : RotationStep.values()) {
      handler().handleRequest(event(step, token), new ByteArrayOutputStream(), context);
    }

    assertThat(sm.describeSecret(r -> r.secretId(arn)).versionIdsToStages())
        .isEqualTo(Map.of(token, List.of("AWSCURRENT"), oldVersion, List.of("AWSPREVIOUS")));
    String current = sm.getSecretValue(r -> r.secretId(arn)).secretString();
    assertThat(context.lines).hasSize(4).allSatisfy(line -> assertThat(line).contains("req-1"));
    assertThat(String.join("\n", context.lines)).doesNotContain(current).doesNotContain(INITIAL);
  }

  @Test
  void crashAfterSet_thenTheRetriedEvents_completeTheRotation() throws IOException {
    String token = "11111111-2222-4333-8444-555555555555";
    RecordingContext context = new RecordingContext("req-2");
    handler()
        .handleRequest(event(RotationStep.CREATE, token), new ByteArrayOutputStream(), context);
    handler().handleRequest(event(RotationStep.SET, token), new ByteArrayOutputStream(), context);

    for (RotationStep step : RotationStep.values()) {
      handler().handleRequest(event(step, token), new ByteArrayOutputStream(), context);
    }

    assertThat(sm.describeSecret(r -> r.secretId(arn)).versionIdsToStages())
        .isEqualTo(Map.of(token, List.of("AWSCURRENT"), oldVersion, List.of("AWSPREVIOUS")));
  }

  @Test
  void anotherTokenWhilePending_failsTheInvocation_andLogsTheReason() throws IOException {
    RecordingContext context = new RecordingContext("req-3");
    handler()
        .handleRequest(
            event(RotationStep.CREATE, "aaaaaaaa-0000-4000-8000-000000000001"),
            new ByteArrayOutputStream(),
            context);

    assertThatThrownBy(
            () ->
                handler()
                    .handleRequest(
                        event(RotationStep.CREATE, "bbbbbbbb-0000-4000-8000-000000000002"),
                        new ByteArrayOutputStream(),
                        context))
        .isInstanceOf(RotationConflictException.class);
    assertThat(context.lines.getLast()).contains("rotation-in-progress").contains("req-3");
  }

  @Test
  void unknownStep_isRejectedNamingTheStep() {
    byte[] event =
        "{\"Step\":\"rotateEverything\",\"SecretId\":\"x\",\"ClientRequestToken\":\"t\"}"
            .getBytes();

    assertThatThrownBy(
            () ->
                handler()
                    .handleRequest(
                        new ByteArrayInputStream(event),
                        new ByteArrayOutputStream(),
                        new RecordingContext("req-4")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rotateEverything");
  }
}
