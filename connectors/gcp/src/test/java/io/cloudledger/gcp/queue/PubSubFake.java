package io.cloudledger.gcp.queue;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriberGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-process Pub/Sub for tests (no emulator is available here): a plain-text gRPC server with
 * the {@code Publisher.Publish} and {@code Subscriber.Pull}/{@code Acknowledge}/{@code
 * ModifyAckDeadline} methods, over in-memory topics and pull subscriptions. Delivery follows
 * Pub/Sub: at least once, a message not acknowledged within its ack deadline (or nacked with
 * deadline 0) is delivered again with {@code deliveryAttempt} + 1, and a subscription with a
 * dead-letter policy forwards a message to its dead-letter topic instead of delivering it a {@code
 * maxDeliveryAttempts + 1}-th time, with the {@code CloudPubSubDeadLetterSource*} attributes
 * Pub/Sub adds. Topics and subscriptions are created through this class (there is no admin API).
 */
public final class PubSubFake implements AutoCloseable {

  /** A subscription's dead-letter policy; Pub/Sub allows 5 to 100 delivery attempts. */
  public record DeadLetter(String topic, int maxDeliveryAttempts) {
    public DeadLetter {
      if (maxDeliveryAttempts < 5 || maxDeliveryAttempts > 100) {
        throw new IllegalArgumentException("maxDeliveryAttempts must be 5-100");
      }
    }
  }

  private final Clock clock;
  private final Map<String, List<PubsubMessage>> topics = new ConcurrentHashMap<>();
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final List<Status> publishFaults = new CopyOnWriteArrayList<>();
  private final AtomicInteger publishCalls = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong(1_000_000);
  private final Server server;

  private PubSubFake(Clock clock) throws IOException {
    this.clock = clock;
    this.server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new PublisherService())
            .addService(new SubscriberService())
            .build()
            .start();
  }

  /** Starts a server on a free local port. */
  public static PubSubFake start() {
    return start(Clock.systemUTC());
  }

  /** Starts a server whose ack deadlines and publish times follow {@code clock}. */
  public static PubSubFake start(Clock clock) {
    try {
      return new PubSubFake(clock);
    } catch (IOException e) {
      throw new IllegalStateException("the Pub/Sub fake did not start", e);
    }
  }

  /** {@code host:port} for a plain-text channel. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  public void createTopic(String topic) {
    topics.putIfAbsent(topic, new CopyOnWriteArrayList<>());
  }

  public void createSubscription(
      String subscription, String topic, Duration ackDeadline, Optional<DeadLetter> deadLetter) {
    if (!topics.containsKey(topic)) {
      throw new IllegalArgumentException("no topic " + topic);
    }
    deadLetter.ifPresent(d -> createTopic(d.topic()));
    subscriptions.put(subscription, new Subscription(subscription, topic, ackDeadline, deadLetter));
  }

  /** Every message published to {@code topic} so far, in order. */
  public List<PubsubMessage> published(String topic) {
    return List.copyOf(topics.getOrDefault(topic, List.of()));
  }

  /** {@code Publish} calls received, failed ones included. */
  public int publishCalls() {
    return publishCalls.get();
  }

  /** The next {@code times} {@code Publish} calls fail with {@code code}. */
  public void failNextPublishes(Status.Code code, int times) {
    for (int i = 0; i < times; i++) {
      publishFaults.add(code.toStatus().withDescription("injected by the Pub/Sub fake"));
    }
  }

  /** Drops the injected faults not used yet. */
  public void clearPublishFaults() {
    publishFaults.clear();
  }

  /** Publishes as a client would, e.g. the test's own messages; returns the message id. */
  public String publish(String topic, PubsubMessage message) {
    return publishAll(topic, List.of(message)).get(0);
  }

  /** Up to {@code max} messages due for delivery (new, nacked, or past their ack deadline). */
  public List<ReceivedMessage> pull(String subscription, int max) {
    return subscription(subscription).pull(max);
  }

  public void acknowledge(String subscription, Collection<String> ackIds) {
    subscription(subscription).acknowledge(ackIds);
  }

  /** A deadline of 0 seconds is a nack: the message is due again at once. */
  public void modifyAckDeadline(String subscription, Collection<String> ackIds, int seconds) {
    subscription(subscription).modifyAckDeadline(ackIds, seconds);
  }

  /** Messages of {@code subscription} not yet acknowledged (nor dead-lettered). */
  public int unacknowledged(String subscription) {
    return subscription(subscription).unacknowledged();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> publishAll(String topic, List<PubsubMessage> messages) {
    List<PubsubMessage> stored = topics.get(topic);
    if (stored == null) {
      throw Status.NOT_FOUND
          .withDescription("Resource not found (resource=" + shortName(topic) + ").")
          .asRuntimeException();
    }
    if (messages.isEmpty()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("The request must contain at least one message.")
          .asRuntimeException();
    }
    Instant now = clock.instant();
    Timestamp publishTime =
        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    List<String> messageIds = new ArrayList<>();
    for (PubsubMessage message : messages) {
      String id = Long.toString(ids.incrementAndGet());
      PubsubMessage published =
          message.toBuilder().setMessageId(id).setPublishTime(publishTime).build();
      stored.add(published);
      subscriptions.values().stream()
          .filter(s -> s.topic.equals(topic))
          .forEach(s -> s.add(published));
      messageIds.add(id);
    }
    return messageIds;
  }

  private Subscription subscription(String name) {
    Subscription subscription = subscriptions.get(name);
    if (subscription == null) {
      throw Status.NOT_FOUND
          .withDescription("Resource not found (resource=" + shortName(name) + ").")
          .asRuntimeException();
    }
    return subscription;
  }

  private static String shortName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static String project(String name) {
    String[] parts = name.split("/");
    return parts.length > 1 ? parts[1] : "";
  }

  /** One pull subscription: its messages with their delivery state. */
  private final class Subscription {
    private final String name;
    private final String topic;
    private final Duration ackDeadline;
    private final Optional<DeadLetter> deadLetter;
    private final List<Pending> pending = new ArrayList<>();

    private Subscription(
        String name, String topic, Duration ackDeadline, Optional<DeadLetter> deadLetter) {
      this.name = name;
      this.topic = topic;
      this.ackDeadline = ackDeadline;
      this.deadLetter = deadLetter;
    }

    private synchronized void add(PubsubMessage message) {
      pending.add(new Pending(message));
    }

    private List<ReceivedMessage> pull(int max) {
      List<ReceivedMessage> out = new ArrayList<>();
      List<Pending> toDeadLetter = new ArrayList<>();
      synchronized (this) {
        Instant now = clock.instant();
        for (var it = pending.iterator(); it.hasNext() && out.size() < max; ) {
          Pending p = it.next();
          if (p.ackId != null && now.isBefore(p.due)) {
            continue;
          }
          if (deadLetter.isPresent() && p.attempts >= deadLetter.get().maxDeliveryAttempts()) {
            it.remove();
            toDeadLetter.add(p);
            continue;
          }
          p.attempts++;
          p.ackId = name + "#" + p.message.getMessageId() + "#" + p.attempts;
          p.due = now.plus(ackDeadline);
          ReceivedMessage.Builder received =
              ReceivedMessage.newBuilder().setAckId(p.ackId).setMessage(p.message);
          // Pub/Sub fills deliveryAttempt only on subscriptions with a dead-letter policy.
          deadLetter.ifPresent(d -> received.setDeliveryAttempt(p.attempts));
          out.add(received.build());
        }
      }
      for (Pending p : toDeadLetter) {
        publishAll(
            deadLetter.orElseThrow().topic(),
            List.of(
                p.message.toBuilder()
                    .clearMessageId()
                    .clearPublishTime()
                    .putAttributes(
                        "CloudPubSubDeadLetterSourceDeliveryCount", Integer.toString(p.attempts))
                    .putAttributes("CloudPubSubDeadLetterSourceSubscription", shortName(name))
                    .putAttributes("CloudPubSubDeadLetterSourceSubscriptionProject", project(name))
                    .putAttributes(
                        "CloudPubSubDeadLetterSourceTopicPublishTime",
                        Instant.ofEpochSecond(
                                p.message.getPublishTime().getSeconds(),
                                p.message.getPublishTime().getNanos())
                            .toString())
                    .build()));
      }
      return out;
    }

    private synchronized void acknowledge(Collection<String> ackIds) {
      pending.removeIf(p -> p.ackId != null && ackIds.contains(p.ackId));
    }

    private synchronized void modifyAckDeadline(Collection<String> ackIds, int seconds) {
      Instant due = clock.instant().plusSeconds(seconds);
      pending.stream()
          .filter(p -> p.ackId != null && ackIds.contains(p.ackId))
          .forEach(p -> p.due = due);
    }

    private synchronized int unacknowledged() {
      return pending.size();
    }
  }

  private static final class Pending {
    private final PubsubMessage message;
    private int attempts;
    private String ackId;
    private Instant due = Instant.MIN;

    private Pending(PubsubMessage message) {
      this.message = message;
    }
  }

  private final class PublisherService extends PublisherGrpc.PublisherImplBase {
    @Override
    public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
      publishCalls.incrementAndGet();
      answer(
          response,
          () -> {
            if (!publishFaults.isEmpty()) {
              throw publishFaults.remove(0).asRuntimeException();
            }
            return PublishResponse.newBuilder()
                .addAllMessageIds(publishAll(request.getTopic(), request.getMessagesList()))
                .build();
          });
    }
  }

  private final class SubscriberService extends SubscriberGrpc.SubscriberImplBase {
    @Override
    public void pull(PullRequest request, StreamObserver<PullResponse> response) {
      answer(
          response,
          () ->
              PullResponse.newBuilder()
                  .addAllReceivedMessages(
                      PubSubFake.this.pull(request.getSubscription(), request.getMaxMessages()))
                  .build());
    }

    @Override
    public void acknowledge(AcknowledgeRequest request, StreamObserver<Empty> response) {
      answer(
          response,
          () -> {
            PubSubFake.this.acknowledge(request.getSubscription(), request.getAckIdsList());
            return Empty.getDefaultInstance();
          });
    }

    @Override
    public void modifyAckDeadline(
        ModifyAckDeadlineRequest request, StreamObserver<Empty> response) {
      answer(
          response,
          () -> {
            PubSubFake.this.modifyAckDeadline(
                request.getSubscription(),
                request.getAckIdsList(),
                request.getAckDeadlineSeconds());
            return Empty.getDefaultInstance();
          });
    }
  }

  private static <T> void answer(StreamObserver<T> response, Supplier<T> work) {
    try {
      response.onNext(work.get());
      response.onCompleted();
    } catch (StatusRuntimeException e) {
      response.onError(e);
    }
  }
}
