package io.cloudledger.gcf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import io.cloudledger.gcp.queue.PubSubFake;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Delivers a Pub/Sub subscription of the fake to a CloudEvent function as Eventarc does: each
 * message as a {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent over HTTP, in
 * binary mode ({@code ce-*} headers, the data as body) or structured mode (the whole event as
 * {@code application/cloudevents+json}). A 2xx answer acknowledges the message; anything else nacks
 * it, so Pub/Sub delivers it again, and after the subscription's max delivery attempts to its
 * dead-letter topic.
 */
public final class PubSubPush {
  public enum Mode {
    BINARY,
    STRUCTURED,
    /** Binary and structured by turns, one delivery each. */
    ALTERNATING
  }

  /** What one {@link #drain} did. */
  public record Deliveries(int delivered, int acknowledged, int failed) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final PubSubFake pubsub;
  private final String subscription;
  private final String topic;
  private final URI function;
  private int deliveries;

  public PubSubPush(PubSubFake pubsub, String subscription, String topic, URI function) {
    this.pubsub = pubsub;
    this.subscription = subscription;
    this.topic = topic;
    this.function = function;
  }

  /**
   * Delivers until no message is due (each failed one is due again at once, until dead-lettered).
   */
  public Deliveries drain(Mode mode) {
    int delivered = 0;
    int acknowledged = 0;
    for (List<ReceivedMessage> batch = pubsub.pull(subscription, 10);
        !batch.isEmpty();
        batch = pubsub.pull(subscription, 10)) {
      for (ReceivedMessage received : batch) {
        delivered++;
        if (deliver(received, mode) / 100 == 2) {
          acknowledged++;
          pubsub.acknowledge(subscription, List.of(received.getAckId()));
        } else {
          pubsub.modifyAckDeadline(subscription, List.of(received.getAckId()), 0);
        }
      }
    }
    return new Deliveries(delivered, acknowledged, delivered - acknowledged);
  }

  /** Delivers one due message at most; its HTTP status, or 0 when none was due. */
  public int deliverOne(Mode mode) {
    List<ReceivedMessage> batch = pubsub.pull(subscription, 1);
    if (batch.isEmpty()) {
      return 0;
    }
    ReceivedMessage received = batch.get(0);
    int status = deliver(received, mode);
    if (status / 100 == 2) {
      pubsub.acknowledge(subscription, List.of(received.getAckId()));
    } else {
      pubsub.modifyAckDeadline(subscription, List.of(received.getAckId()), 0);
    }
    return status;
  }

  public int deliver(ReceivedMessage received, Mode requested) {
    Mode mode =
        requested != Mode.ALTERNATING
            ? requested
            : deliveries % 2 == 0 ? Mode.BINARY : Mode.STRUCTURED;
    deliveries++;
    PubsubMessage message = received.getMessage();
    String id = message.getMessageId();
    String time =
        Instant.ofEpochSecond(
                message.getPublishTime().getSeconds(), message.getPublishTime().getNanos())
            .toString();
    ObjectNode data = JSON.createObjectNode();
    ObjectNode body = data.putObject("message");
    body.put("data", Base64.getEncoder().encodeToString(message.getData().toByteArray()));
    ObjectNode attributes = body.putObject("attributes");
    message.getAttributesMap().forEach(attributes::put);
    body.put("messageId", id).put("message_id", id);
    body.put("publishTime", time).put("publish_time", time);
    data.put("subscription", subscription);
    if (received.getDeliveryAttempt() > 0) {
      data.put("deliveryAttempt", received.getDeliveryAttempt());
    }
    String source = "//pubsub.googleapis.com/" + topic;
    HttpRequest.Builder request = HttpRequest.newBuilder(function);
    if (mode == Mode.BINARY) {
      request
          .header("ce-id", id)
          .header("ce-specversion", "1.0")
          .header("ce-type", PubSubMessage.EVENT_TYPE)
          .header("ce-source", source)
          .header("ce-time", time)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(data.toString()));
    } else {
      ObjectNode event = JSON.createObjectNode();
      event.put("specversion", "1.0").put("id", id).put("type", PubSubMessage.EVENT_TYPE);
      event.put("source", source).put("time", time).put("datacontenttype", "application/json");
      event.set("data", data);
      request
          .header("Content-Type", "application/cloudevents+json")
          .POST(HttpRequest.BodyPublishers.ofString(event.toString()));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException("delivery to " + function + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
