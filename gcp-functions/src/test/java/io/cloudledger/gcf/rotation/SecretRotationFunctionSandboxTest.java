package io.cloudledger.gcf.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import io.cloudevents.CloudEvent;
import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.SecretVersion;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.gcf.FunctionServer;
import io.cloudledger.gcf.GcfSettings;
import io.cloudledger.gcf.PubSubPush;
import io.cloudledger.gcf.PubSubPush.Deliveries;
import io.cloudledger.gcf.PubSubPush.Mode;
import io.cloudledger.gcp.queue.PubSubFake;
import io.cloudledger.gcp.secrets.GcpSecretManagerClients;
import io.cloudledger.gcp.secrets.GcpSecretManagerStore;
import io.cloudledger.gcp.secrets.GcpServiceAccountKeyTarget;
import io.cloudledger.gcp.secrets.SecretManagerVersions;
import io.cloudledger.gcp.session.GcpClients;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The rotation function as deployed: served by the Functions Framework invoker, wired by {@link
 * RotationWiring#fromEnvironment} from the same environment as the other functions (configuration
 * with a GCP session on the sandbox), fed Secret Manager notifications by the in-process Pub/Sub,
 * rotating secrets in the sandbox's Secret Manager.
 */
class SecretRotationFunctionSandboxTest {
  private static final String KEY_VARIABLE = "SANDBOX_GCP_SA_KEY";
  private static final String TOPIC = "projects/cloudledger-test/topics/secret-events";
  private static final String SUBSCRIPTION =
      "projects/cloudledger-test/subscriptions/secret-rotation";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static volatile SecretRotations rotations;
  private static Sandbox sandbox;
  private static String project;
  private static PubSubFake pubsub;
  private static FunctionServer server;
  private static PubSubPush push;
  private static SecretManagerServiceClient client;
  private static GcpSecretManagerStore store;
  private static SecretManagerVersions versions;

  @BeforeAll
  static void start() throws IOException {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(1)
                .withResourcesPerAccount(4));
    project = sandbox.estate().gcp().projects().getFirst().projectId();
    String config =
        "cloud_sessions:\n  - name: gcp_rotation\n    session_type: gcp\n"
            + "    credentials: ENV/"
            + KEY_VARIABLE
            + "\n    project_ids: ["
            + project
            + "]\n    endpoint_url: "
            + sandbox.gcpEndpoint()
            + '\n';
    rotations =
        RotationWiring.fromEnvironment(
            Map.of(
                GcfSettings.CONFIG,
                config,
                KEY_VARIABLE,
                sandbox.gcpServiceAccountKey(),
                RotationWiring.GRACE_SECONDS,
                "0"));
    pubsub = PubSubFake.start();
    pubsub.createTopic(TOPIC);
    pubsub.createSubscription(SUBSCRIPTION, TOPIC, Duration.ofSeconds(60), Optional.empty());
    server = FunctionServer.start(Wired.class, "cloudevent");
    push = new PubSubPush(pubsub, SUBSCRIPTION, TOPIC, server.uri("/"));
    client =
        GcpSecretManagerClients.create(
            ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(
                        sandbox.gcpServiceAccountKey().getBytes(StandardCharsets.UTF_8)))
                .createScoped(GcpClients.CLOUD_PLATFORM),
            Optional.of(sandbox.gcpEndpoint()));
    store = new GcpSecretManagerStore("test", 100, project, "", client);
    versions = new SecretManagerVersions(client, project);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    pubsub.close();
    client.close();
    sandbox.close();
  }

  @Test
  void randomPassword_rotatesInSecretManager_andARedeliveryChangesNothing_andNothingIsLogged() {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(captured);
    try {
      store.set("db-password", SecretValue.of("old-Password-Value-123"));
      String messageId = notify("db-password", RandomPasswordTarget.KIND);
      PubsubMessage message = pubsub.published(TOPIC).getLast();

      assertThat(push.drain(Mode.BINARY)).isEqualTo(new Deliveries(1, 1, 0));
      SecretValue rotated = store.get("db-password").orElseThrow();
      assertThat(rotated.reveal()).hasSize(RandomPasswordTarget.DEFAULT_LENGTH);
      Map<String, String> stages = stages("db-password");
      assertThat(stages)
          .isEqualTo(
              Map.of(
                  "rotation-" + messageId, SecretVersions.CURRENT, "1", SecretVersions.PREVIOUS));
      assertThat(versions.value(fullName("db-password"), "1"))
          .contains(SecretValue.of("old-Password-Value-123"));
      Secret before = client.getSecret(SecretName.of(project, "db-password"));

      // Pub/Sub's at-least-once delivery: the same message (same id) arrives again.
      assertThat(
              push.deliver(
                  ReceivedMessage.newBuilder().setAckId("again").setMessage(message).build(),
                  Mode.STRUCTURED))
          .isEqualTo(200);

      assertThat(client.getSecret(SecretName.of(project, "db-password"))).isEqualTo(before);
      assertThat(client.listSecretVersions(SecretName.of(project, "db-password")).iterateAll())
          .as("no version added by the redelivery")
          .hasSize(2);
      assertThat(store.get("db-password")).contains(rotated);
      String logs = logs(captured);
      assertThat(logs).contains("rotated secretId=" + fullName("db-password"));
      assertThat(logs).doesNotContain("old-Password-Value-123").doesNotContain(rotated.reveal());
    } finally {
      root.detachAppender(captured);
    }
  }

  @Test
  void serviceAccountKey_rotatesThroughIam_newKeyWorks_oldKeyIsDeleted() throws Exception {
    GcpServiceAccountKeyTarget maker =
        new GcpServiceAccountKeyTarget(
            sandbox.gcpEndpoint(), HttpClient.newHttpClient(), Clock.systemUTC(), Duration.ZERO);
    SecretValue oldKey =
        maker.create(SecretValue.of(sandbox.gcpServiceAccountKey()), Optional.empty());
    store.set("deployer-key", oldKey);

    String messageId = notify("deployer-key", GcpServiceAccountKeyTarget.KIND);

    assertThat(push.drain(Mode.STRUCTURED)).isEqualTo(new Deliveries(1, 1, 0));
    assertThat(stages("deployer-key"))
        .isEqualTo(
            Map.of("rotation-" + messageId, SecretVersions.CURRENT, "1", SecretVersions.PREVIOUS));
    SecretValue newKey = store.get("deployer-key").orElseThrow();
    assertThat(keyId(newKey)).isNotEqualTo(keyId(oldKey));
    assertThat(token(newKey)).isNotBlank();
    assertThatThrownBy(() -> token(oldKey)).hasMessageContaining("invalid_grant");
  }

  @Test
  void fromEnvironment_namingAnUnknownSession_failsNamingTheKnownOnes() {
    Map<String, String> env =
        Map.of(
            GcfSettings.CONFIG,
            "cloud_sessions:\n  - name: gcp_a\n    session_type: gcp\n    credentials: ENV/K\n"
                + "    project_ids: [cl-rotation-test]\n",
            RotationWiring.SESSION,
            "gcp_b");

    assertThatThrownBy(() -> RotationWiring.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gcp_b'")
        .hasMessageContaining("[gcp_a]");
  }

  private static String fullName(String secret) {
    return "projects/" + project + "/secrets/" + secret;
  }

  /** Each labelled version's id and its one stage. */
  private static Map<String, String> stages(String secret) {
    Map<String, String> out = new TreeMap<>();
    for (SecretVersion v : versions.versions(fullName(secret)).versions()) {
      assertThat(v.stages()).hasSize(1);
      out.put(v.versionId(), v.stages().iterator().next());
    }
    return out;
  }

  /** Publishes Secret Manager's SECRET_ROTATE notification for {@code secret}; its message id. */
  private static String notify(String secret, String target) {
    String secretJson =
        "{\"name\": \""
            + fullName(secret)
            + "\", \"labels\": {\""
            + LabelledRotations.TARGET_LABEL
            + "\": \""
            + target
            + "\"}}";
    return pubsub.publish(
        TOPIC,
        PubsubMessage.newBuilder()
            .putAttributes("eventType", "SECRET_ROTATE")
            .putAttributes("secretId", fullName(secret))
            .putAttributes("dataFormat", "JSON")
            .setData(ByteString.copyFromUtf8(secretJson))
            .build());
  }

  private static String logs(ListAppender<ILoggingEvent> captured) {
    StringBuilder out = new StringBuilder();
    for (ILoggingEvent e : captured.list) {
      out.append(e.getFormattedMessage()).append(e.getMDCPropertyMap());
      if (e.getThrowableProxy() != null) {
        out.append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    return out.toString();
  }

  private static String token(SecretValue key) throws IOException {
    return ServiceAccountCredentials.fromStream(
            new ByteArrayInputStream(key.reveal().getBytes(StandardCharsets.UTF_8)))
        .createScoped(GcpClients.CLOUD_PLATFORM)
        .refreshAccessToken()
        .getTokenValue();
  }

  private static String keyId(SecretValue key) throws IOException {
    return JSON.readTree(key.reveal()).path("private_key_id").asText();
  }

  /** The function as the invoker builds it, on the wiring {@link RotationWiring} made. */
  public static final class Wired implements CloudEventsFunction {
    private final SecretRotationFunction function = new SecretRotationFunction(rotations);

    @Override
    public void accept(CloudEvent event) {
      function.accept(event);
    }
  }
}
