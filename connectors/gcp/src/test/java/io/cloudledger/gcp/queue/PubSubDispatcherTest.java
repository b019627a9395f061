package io.cloudledger.gcp.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.pubsub.v1.PubsubMessage;
import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.dispatch.SyncRequest;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dispatcher through the real {@code Publisher} against the in-process Pub/Sub fake. */
class PubSubDispatcherTest {
  private static PubSubFake pubsub;
  private static int topics;

  @BeforeAll
  static void start() {
    pubsub = PubSubFake.start();
  }

  @AfterAll
  static void stop() {
    pubsub.close();
  }

  @Test
  void dispatch_publishesEachRequestOnce_inBatches() {
    String topic = newTopic();
    List<SyncRequest> requests = requests(250);
    try (PubSubDispatcher dispatcher = PubSubDispatcher.create(settings(topic))) {
      int callsBefore = pubsub.publishCalls();
      dispatcher.dispatch(requests);

      List<PubsubMessage> published = pubsub.published(topic);
      assertThat(published.stream().map(m -> SyncRequestCodec.fromJson(text(m))))
          .containsExactlyInAnyOrderElementsOf(requests);
      assertThat(published)
          .allSatisfy(
              m -> {
                SyncRequest request = SyncRequestCodec.fromJson(text(m));
                assertThat(m.getAttributesMap())
                    .containsEntry("requestId", request.requestId())
                    .containsEntry("accountKey", request.accountKey().value());
              });
      // Batches of up to 100: 3 calls if nothing splits them, never one call per message.
      assertThat(pubsub.publishCalls() - callsBefore).isBetween(3, 25);
    }
  }

  @Test
  void dispatch_whenPubSubIsUnavailableTwice_retriesAndPublishesEverything() {
    String topic = newTopic();
    try (PubSubDispatcher dispatcher = PubSubDispatcher.create(settings(topic))) {
      pubsub.failNextPublishes(Status.Code.UNAVAILABLE, 2);
      dispatcher.dispatch(requests(5));

      assertThat(pubsub.published(topic)).hasSize(5);
    }
  }

  @Test
  void dispatch_whenUnavailableBeyondTheTimeout_throwsRetryableNamingTheCount() {
    String topic = newTopic();
    PubSubSettings settings = settings(topic).withPublishTimeout(Duration.ofSeconds(10));
    try (PubSubDispatcher dispatcher = PubSubDispatcher.create(settings)) {
      pubsub.failNextPublishes(Status.Code.UNAVAILABLE, 1_000);
      try {
        assertThatThrownBy(() -> dispatcher.dispatch(requests(7)))
            .isInstanceOf(RetryableException.class)
            .hasMessageContaining("7 of 7 sync requests could not be published to " + topic)
            // The library reports the last attempt's code, or DEADLINE_EXCEEDED when the total
            // timeout ran out during a backoff.
            .hasMessageMatching("(?s).*by status: \\{.*(UNAVAILABLE|DEADLINE_EXCEEDED).*");
      } finally {
        pubsub.clearPublishFaults();
      }
      assertThat(pubsub.published(topic)).isEmpty();
    }
  }

  @Test
  void dispatch_whenTheTopicDoesNotExist_throwsPermanentNamingTheTopic() {
    String missing = "projects/cl-test/topics/missing";
    try (PubSubDispatcher dispatcher = PubSubDispatcher.create(settings(missing))) {
      assertThatThrownBy(() -> dispatcher.dispatch(requests(3)))
          .isInstanceOf(PermanentException.class)
          .hasMessageContaining("3 of 3 sync requests could not be published to " + missing)
          .hasMessageContaining("NOT_FOUND");
    }
  }

  @Test
  void settings_refuseATopicThatIsNotAFullName() {
    assertThatThrownBy(() -> PubSubSettings.of("sync"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("projects/<project>/topics/<topic>");
  }

  private static PubSubSettings settings(String topic) {
    return PubSubSettings.of(topic).withEndpoint(pubsub.endpoint());
  }

  private static synchronized String newTopic() {
    String topic = "projects/cl-test/topics/sync-" + ++topics;
    pubsub.createTopic(topic);
    return topic;
  }

  static List<SyncRequest> requests(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                SyncRequest.of(
                    "req-" + count,
                    AccountKey.parse("gcp#project-" + i),
                    Set.of(SyncKind.INVENTORY),
                    "schedule",
                    Instant.parse("2026-11-23T17:00:00Z")))
        .toList();
  }

  private static String text(PubsubMessage message) {
    return message.getData().toString(StandardCharsets.UTF_8);
  }
}
