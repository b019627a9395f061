package io.cloudledger.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.secrets.SecretsManagerRotations;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The shaded jars as Lambda runs them: for each function, a fresh JVM with that function's own role
 * jar ({@code -trigger}, {@code -worker}, {@code -rotation}) and the Runtime Interface Client,
 * talking to {@link RuntimeApiEmulator}, handling real events against ElasticMQ, DynamoDB Local and
 * the sandbox. A class of an SDK module a role jar leaves out but its path needs fails here. Prints
 * init and first-invoke times and the jars' sizes.
 */
@ExtendWith(DynamoDbLocal.class)
class LambdaRuntimeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws aws;
  private static Map<String, String> env;
  private static String queueUrl;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(3, 8);
    queueUrl = aws.sqs.createQueue(r -> r.queueName("ric")).queueUrl();
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      env = new java.util.HashMap<>(aws.environment(LocalAws.freshTables(client), queueUrl));
      env.put(
          LambdaSettings.DYNAMODB_ENDPOINT,
          client.serviceClientConfiguration().endpointOverride().orElseThrow().toString());
    }
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  /** The shaded jar of {@code role} (its classifier): trigger, worker or rotation. */
  private static Path shadedJar(String role) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-" + role + ".jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + role + " jar: run mvn verify"));
    }
  }

  /** The Runtime Interface Client's jars from the test classpath (not part of the deployable). */
  private static List<String> runtimeClientJars() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            entry ->
                entry.contains("aws-lambda-java-runtime-interface-client")
                    || entry.contains("aws-lambda-java-serialization"))
        .toList();
  }

  private record Run(JsonNode answer, double initSeconds, double firstInvokeSeconds) {}

  private Run runOnce(String role, String handler, String event) throws Exception {
    return runOnce(role, handler, event, Map.of());
  }

  private Run runOnce(String role, String handler, String event, Map<String, String> extraEnv)
      throws Exception {
    try (RuntimeApiEmulator runtime = new RuntimeApiEmulator()) {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(
          List.of(
              "-XX:+TieredCompilation",
              "-XX:TieredStopAtLevel=1",
              "--enable-native-access=ALL-UNNAMED",
              "-cp",
              String.join(
                  File.pathSeparator,
                  Stream.concat(
                          Stream.of(shadedJar(role).toAbsolutePath().toString()),
                          runtimeClientJars().stream())
                      .toList()),
              "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
              handler + "::handleRequest"));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
      builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "cloudledger-test");
      builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      builder.environment().put("AWS_REGION", "us-east-1");
      builder.environment().put("AWS_ACCESS_KEY_ID", "local");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
      builder.environment().putAll(extraEnv);
      Path log = Path.of("target", handler.substring(handler.lastIndexOf('.') + 1) + "-ric.log");
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      long started = System.nanoTime();
      Process process = builder.start();
      try {
        long readyAt = runtime.firstNextAtNanos.get(120, TimeUnit.SECONDS);
        long sentAt = System.nanoTime();
        RuntimeApiEmulator.Result result = runtime.invoke(event).get(120, TimeUnit.SECONDS);
        assertThat(result.error()).as("function error: %s", result.body()).isFalse();
        assertThat(runtime.initError).isNotDone();
        return new Run(
            JSON.readTree(result.body()),
            (readyAt - started) / 1e9,
            (result.atNanos() - sentAt) / 1e9);
      } finally {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = LambdaRuntimeIT.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void roleJars_underTheRuntimeClient_eachRunTheirFunctionsEvent() throws Exception {
    Run fanOut =
        runOnce("trigger", "io.cloudledger.lambda.FanOutHandler", fixture("scheduled_event.json"));

    assertThat(fanOut.answer().get("requestId").asText())
        .isEqualTo("schedule-inventory-2026-11-23T17:00:00Z");
    assertThat(fanOut.answer().get("accounts").asInt()).isEqualTo(3);
    assertThat(SqsPoller.receiveAll(aws.sqs, queueUrl)).hasSize(3);

    // An organization session opens the connector's AwsClients to list the members: the trigger
    // jar has no S3 or EC2 module, so only the clients the listing uses may be built.
    Run organization =
        runOnce(
            "trigger",
            "io.cloudledger.lambda.FanOutHandler",
            fixture("scheduled_event.json").replace("17:00:00Z", "18:00:00Z"),
            Map.of(LambdaSettings.CONFIG, organizationYaml()));

    int members = organization.answer().get("accounts").asInt();
    assertThat(members).isPositive();
    assertThat(SqsPoller.receiveAll(aws.sqs, queueUrl)).hasSize(members);

    Run trigger =
        runOnce(
            "trigger",
            "io.cloudledger.lambda.SyncTriggerHandler",
            fixture("apigw_v2_post_sync.json").replace("ACCOUNT_0", aws.accountId(0)));

    assertThat(trigger.answer().get("statusCode").asInt()).isEqualTo(202);
    assertThat(JSON.readTree(trigger.answer().get("body").asText()).get("requestId").asText())
        .isNotBlank();
    assertThat(SqsPoller.receiveAll(aws.sqs, queueUrl)).hasSize(1);

    // The worker's first event syncs two sandbox accounts; three records are bad on purpose.
    Run worker =
        runOnce(
            "worker",
            "io.cloudledger.lambda.SyncWorkerHandler",
            fixture("sqs_event.json")
                .replace("ACCOUNT_0", aws.accountId(0))
                .replace("ACCOUNT_1", aws.accountId(1)));

    assertThat(worker.answer().get("batchItemFailures")).hasSize(3);
    Run rotation = rotateCreateStep();

    System.out.printf(
        "RIC: FanOutHandler init %.2f s, first invoke %.3f s; SyncTriggerHandler init %.2f s,"
            + " first invoke %.3f s (trigger jar %d bytes); SyncWorkerHandler init %.2f s,"
            + " first invoke %.3f s (worker jar %d bytes); RotationHandler init %.2f s,"
            + " first invoke %.3f s (rotation jar %d bytes)%n",
        fanOut.initSeconds(),
        fanOut.firstInvokeSeconds(),
        trigger.initSeconds(),
        trigger.firstInvokeSeconds(),
        Files.size(shadedJar("trigger")),
        worker.initSeconds(),
        worker.firstInvokeSeconds(),
        Files.size(shadedJar("worker")),
        rotation.initSeconds(),
        rotation.firstInvokeSeconds(),
        Files.size(shadedJar("rotation")));
  }

  /** One organization session with the sandbox's management keys: its members are listed. */
  private static String organizationYaml() {
    return "cloud_sessions:\n"
        + "  - name: org\n"
        + "    session_type: aws\n"
        + "    access_key_id: ENV/"
        + LocalAws.KEY_VARIABLE
        + "\n"
        + "    secret_access_key: ENV/"
        + LocalAws.SECRET_VARIABLE
        + "\n"
        + "    regions: [us-east-1]\n"
        + "    endpoint_url: "
        + aws.sandbox.endpoints().aws()
        + "\n"
        + "    organization:\n"
        + "      member_role: cloudledger-reader\n";
  }

  /**
   * The rotation jar's handler gets Secrets Manager's {@code createSecret} event for a sandbox
   * secret tagged for a random password, with the SDK's own region and endpoint variables as Lambda
   * sets them: the new version is staged {@code AWSPENDING}.
   */
  private Run rotateCreateStep() throws Exception {
    String token = "d8f5c2a4-3b6e-4f71-9a0c-5e2d7b1f8c36";
    try (SecretsManagerClient sm =
        SecretsManagerClient.builder()
            .endpointOverride(aws.sandbox.endpoints().aws())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        aws.sandbox.managementKeys().accessKeyId(),
                        aws.sandbox.managementKeys().secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String arn =
          sm.createSecret(
                  r ->
                      r.name("ric/db-password")
                          .secretString("initial-password-value-0001")
                          .tags(
                              Tag.builder()
                                  .key(SecretsManagerRotations.TARGET_TAG)
                                  .value("random-password")
                                  .build()))
              .arn();
      ObjectNode event = (ObjectNode) JSON.readTree(fixture("secretsmanager_rotation_event.json"));
      event.put("SecretId", arn).put("ClientRequestToken", token);

      Run rotation =
          runOnce(
              "rotation",
              "io.cloudledger.lambda.rotation.RotationHandler",
              JSON.writeValueAsString(event),
              Map.of(
                  "AWS_ENDPOINT_URL", aws.sandbox.endpoints().aws().toString(),
                  "AWS_ACCESS_KEY_ID", aws.sandbox.managementKeys().accessKeyId(),
                  "AWS_SECRET_ACCESS_KEY", aws.sandbox.managementKeys().secretAccessKey()));

      assertThat(sm.describeSecret(r -> r.secretId(arn)).versionIdsToStages())
          .containsEntry(token, List.of("AWSPENDING"));
      return rotation;
    }
  }
}
