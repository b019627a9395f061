package io.cloudledger.gcp.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's subscriber side through the client library's real gRPC subscriber stub. */
class PubSubFakeTest {
  private static final String TOPIC = "projects/cl-test/topics/work";
  private static final String DEAD = "projects/cl-test/topics/work-dead";
  private static final String SUBSCRIPTION = "projects/cl-test/subscriptions/work-worker";

  private PubSubFake pubsub;
  private GrpcSubscriberStub subscriber;

  @BeforeEach
  void start() throws IOException {
    pubsub = PubSubFake.start();
    pubsub.createTopic(TOPIC);
    pubsub.createSubscription(
        SUBSCRIPTION,
        TOPIC,
        Duration.ofSeconds(60),
        Optional.of(new PubSubFake.DeadLetter(DEAD, 5)));
    subscriber =
        GrpcSubscriberStub.create(
            SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(
                    InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint(pubsub.endpoint())
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                        .build())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
  }

  @AfterEach
  void stop() {
    subscriber.close();
    pubsub.close();
  }

  @Test
  void pull_whenNacked_redeliversWithTheNextAttempt_thenAckRemovesIt() {
    String id = pubsub.publish(TOPIC, message("one"));

    ReceivedMessage first = pullOne();
    assertThat(first.getMessage().getMessageId()).isEqualTo(id);
    assertThat(first.getDeliveryAttempt()).isEqualTo(1);
    assertThat(pull()).as("outstanding within its ack deadline").isEmpty();

    nack(first);
    ReceivedMessage second = pullOne();
    assertThat(second.getDeliveryAttempt()).isEqualTo(2);
    assertThat(second.getAckId()).isNotEqualTo(first.getAckId());

    subscriber
        .acknowledgeCallable()
        .call(
            AcknowledgeRequest.newBuilder()
                .setSubscription(SUBSCRIPTION)
                .addAckIds(second.getAckId())
                .build());
    nack(second);
    assertThat(pull()).isEmpty();
    assertThat(pubsub.unacknowledged(SUBSCRIPTION)).isZero();
  }

  @Test
  void pull_afterMaxDeliveryAttempts_forwardsToTheDeadLetterTopicWithItsAttributes() {
    String id = pubsub.publish(TOPIC, message("poison"));
    for (int attempt = 1; attempt <= 5; attempt++) {
      ReceivedMessage received = pullOne();
      assertThat(received.getDeliveryAttempt()).isEqualTo(attempt);
      nack(received);
    }

    assertThat(pull()).isEmpty();
    List<PubsubMessage> dead = pubsub.published(DEAD);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).getData().toStringUtf8()).isEqualTo("poison");
    assertThat(dead.get(0).getMessageId()).isNotEqualTo(id);
    assertThat(dead.get(0).getAttributesMap())
        .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount", "5")
        .containsEntry("CloudPubSubDeadLetterSourceSubscription", "work-worker")
        .containsEntry("CloudPubSubDeadLetterSourceSubscriptionProject", "cl-test");
    assertThat(pubsub.unacknowledged(SUBSCRIPTION)).isZero();
  }

  @Test
  void pull_ofAnUnknownSubscription_isNotFound() {
    assertThatThrownBy(
            () ->
                subscriber
                    .pullCallable()
                    .call(
                        PullRequest.newBuilder()
                            .setSubscription("projects/cl-test/subscriptions/nope")
                            .setMaxMessages(1)
                            .build()))
        .isInstanceOf(NotFoundException.class);
  }

  private ReceivedMessage pullOne() {
    List<ReceivedMessage> received = pull();
    assertThat(received).hasSize(1);
    return received.get(0);
  }

  private List<ReceivedMessage> pull() {
    return subscriber
        .pullCallable()
        .call(PullRequest.newBuilder().setSubscription(SUBSCRIPTION).setMaxMessages(10).build())
        .getReceivedMessagesList();
  }

  private void nack(ReceivedMessage received) {
    subscriber
        .modifyAckDeadlineCallable()
        .call(
            ModifyAckDeadlineRequest.newBuilder()
                .setSubscription(SUBSCRIPTION)
                .addAckIds(received.getAckId())
                .setAckDeadlineSeconds(0)
                .build());
  }

  private static PubsubMessage message(String data) {
    return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(data)).build();
  }
}
