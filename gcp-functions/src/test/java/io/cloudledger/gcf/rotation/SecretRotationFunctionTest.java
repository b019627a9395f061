package io.cloudledger.gcf.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import io.cloudevents.CloudEvent;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.rotation.InMemoryVersionedSecrets;
import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.rotation.SecretVersions;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.gcf.FunctionServer;
import io.cloudledger.gcf.PubSubPush;
import io.cloudledger.gcf.PubSubPush.Deliveries;
import io.cloudledger.gcf.PubSubPush.Mode;
import io.cloudledger.gcp.queue.PubSubFake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rotation function served by the Functions Framework invoker, fed Secret Manager's Pub/Sub
 * notifications from the in-process Pub/Sub, rotating secrets of an in-memory versioned store
 * through the core state machine.
 */
class SecretRotationFunctionTest {
  private static final String TOPIC = "projects/cloudledger-test/topics/secret-events";
  private static final String SUBSCRIPTION =
      "projects/cloudledger-test/subscriptions/secret-rotation";
  private static final InMemoryVersionedSecrets SECRETS =
      new InMemoryVersionedSecrets(Clock.systemUTC());
  private static final AtomicInteger FLAKY_TESTS_LEFT = new AtomicInteger();

  private static PubSubFake pubsub;
  private static volatile SecretRotations rotations;
  private static FunctionServer server;
  private static PubSubPush push;

  @BeforeAll
  static void start() {
    pubsub = PubSubFake.start();
    pubsub.createTopic(TOPIC);
    pubsub.createSubscription(
        SUBSCRIPTION,
        TOPIC,
        Duration.ofSeconds(60),
        Optional.of(new PubSubFake.DeadLetter(TOPIC + "-dead", 5)));
    rotations =
        new LabelledRotations(SECRETS, Map.of("flaky-password", labels -> new FlakyPassword()));
    server = FunctionServer.start(Wired.class, "cloudevent");
    push = new PubSubPush(pubsub, SUBSCRIPTION, TOPIC, server.uri("/"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    pubsub.close();
  }

  @Test
  void rotate_randomPassword_makesANewCurrentAndKeepsThePrevious() {
    String secret = secret("db-password", "old-password");
    notify("SECRET_ROTATE", secret, "random-password");

    assertThat(push.drain(Mode.BINARY)).isEqualTo(new Deliveries(1, 1, 0));
    assertThat(SECRETS.valueAt(secret, SecretVersions.CURRENT).orElseThrow().reveal())
        .hasSize(RandomPasswordTarget.DEFAULT_LENGTH);
    assertThat(SECRETS.valueAt(secret, SecretVersions.PREVIOUS))
        .contains(SecretValue.of("old-password"));
    assertThat(SECRETS.versions(secret).withStage(SecretVersions.PENDING)).isEmpty();
  }

  @Test
  void rotate_redeliveredNotification_rotatesOnlyOnce() {
    String secret = secret("api-token", "old-token");
    String messageId = notify("SECRET_ROTATE", secret, "random-password");
    PubsubMessage message = pubsub.published(TOPIC).getLast();
    assertThat(push.drain(Mode.BINARY)).isEqualTo(new Deliveries(1, 1, 0));
    SecretValue rotated = SECRETS.valueAt(secret, SecretVersions.CURRENT).orElseThrow();

    // Pub/Sub's at-least-once delivery: the same message (same id) arrives again.
    assertThat(
            push.deliver(
                ReceivedMessage.newBuilder().setAckId("again").setMessage(message).build(),
                Mode.STRUCTURED))
        .isEqualTo(200);

    assertThat(SECRETS.valueAt(secret, SecretVersions.CURRENT)).contains(rotated);
    assertThat(SECRETS.valueAt(secret, SecretVersions.PREVIOUS))
        .contains(SecretValue.of("old-token"));
    assertThat(SECRETS.versions(secret).version("rotation-" + messageId)).isPresent();
  }

  @Test
  void rotate_whenAStepFailsRetryably_pubSubRedeliversAndTheSameRotationCompletes() {
    String secret = secret("flaky-secret", "old-value");
    FLAKY_TESTS_LEFT.set(1);
    notify("SECRET_ROTATE", secret, "flaky-password");

    assertThat(push.drain(Mode.STRUCTURED)).isEqualTo(new Deliveries(2, 1, 1));
    assertThat(SECRETS.versions(secret).versions()).hasSize(2);
    assertThat(SECRETS.valueAt(secret, SecretVersions.PREVIOUS))
        .contains(SecretValue.of("old-value"));
    assertThat(SECRETS.versions(secret).withStage(SecretVersions.PENDING)).isEmpty();
  }

  @Test
  void otherEventTypes_andSecretsWithoutATarget_areAcknowledgedAndChangeNothing() {
    String secret = secret("untouched", "value");
    notify("SECRET_VERSION_ADD", secret, "random-password");
    notify("SECRET_ROTATE", secret, null);

    assertThat(push.drain(Mode.BINARY)).isEqualTo(new Deliveries(2, 2, 0));
    assertThat(SECRETS.versions(secret).versions()).hasSize(1);
    assertThat(SECRETS.valueAt(secret, SecretVersions.CURRENT)).contains(SecretValue.of("value"));
  }

  @Test
  void rotate_logsNeitherTheOldNorTheNewValue() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var captured =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    captured.start();
    root.addAppender(captured);
    try {
      String secret = secret("logged-secret", "old-Secret-Value-123");
      FLAKY_TESTS_LEFT.set(1);
      notify("SECRET_ROTATE", secret, "flaky-password");
      push.drain(Mode.BINARY);

      String newValue = SECRETS.valueAt(secret, SecretVersions.CURRENT).orElseThrow().reveal();
      String logs =
          captured.list.stream()
              .map(
                  e ->
                      e.getFormattedMessage()
                          + e.getMDCPropertyMap()
                          + (e.getThrowableProxy() == null
                              ? ""
                              : ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(
                                  e.getThrowableProxy())))
              .reduce("", String::concat);
      assertThat(logs).contains("rotated secretId=" + secret);
      assertThat(logs).doesNotContain("old-Secret-Value-123").doesNotContain(newValue);
    } finally {
      root.detachAppender(captured);
    }
  }

  private static String secret(String name, String value) {
    String secretId = "projects/cloudledger-test/secrets/" + name;
    SECRETS.create(secretId, "1", SecretValue.of(value));
    return secretId;
  }

  /** Publishes a Secret Manager notification as the service does; returns its message id. */
  private static String notify(String eventType, String secretId, String target) {
    String labels =
        target == null ? "{}" : "{\"" + LabelledRotations.TARGET_LABEL + "\": \"" + target + "\"}";
    String secretJson =
        "{\"name\": \""
            + secretId
            + "\", \"labels\": "
            + labels
            + ", \"rotation\": {\"nextRotationTime\": \""
            + Instant.now().plus(Duration.ofDays(30))
            + "\", \"rotationPeriod\": \"2592000s\"}, \"topics\": [{\"name\": \""
            + TOPIC
            + "\"}]}";
    return pubsub.publish(
        TOPIC,
        PubsubMessage.newBuilder()
            .putAttributes("eventType", eventType)
            .putAttributes("secretId", secretId)
            .putAttributes("dataFormat", "JSON")
            .setData(ByteString.copyFromUtf8(secretJson))
            .build());
  }

  /** The function as the invoker builds it, on this test's rotations. */
  public static final class Wired implements CloudEventsFunction {
    private final SecretRotationFunction function = new SecretRotationFunction(rotations);

    @Override
    public void accept(CloudEvent event) {
      function.accept(event);
    }
  }

  /** A random password whose test step fails retryably a set number of times. */
  private static final class FlakyPassword implements RotationTarget {
    private final RandomPasswordTarget password = RandomPasswordTarget.withDefaults();

    @Override
    public String kind() {
      return "flaky-password";
    }

    @Override
    public SecretValue create(SecretValue current, Optional<SecretValue> previous) {
      return password.create(current, previous);
    }

    @Override
    public void set(SecretValue pending, SecretValue current) {
      password.set(pending, current);
    }

    @Override
    public void test(SecretValue pending) {
      if (FLAKY_TESTS_LEFT.getAndDecrement() > 0) {
        throw new RetryableException("target-unavailable", "the target did not answer");
      }
      password.test(pending);
    }

    @Override
    public String retire(SecretValue previous, SecretValue current, Instant supersededAt) {
      return password.retire(previous, current, supersededAt);
    }
  }
}
