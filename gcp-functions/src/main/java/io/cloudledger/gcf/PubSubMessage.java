package io.cloudledger.gcf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudledger.core.error.PermanentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pub/Sub message of a {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent, whose
 * data is {@code {"message": {"data": base64, "attributes", "messageId"}, "subscription"}} (Google
 * also sends the snake-case {@code message_id}; both are read).
 *
 * @param deliveryAttempt Pub/Sub's count for a subscription with a dead-letter policy, else 0
 */
public record PubSubMessage(
    String messageId,
    byte[] data,
    Map<String, String> attributes,
    String subscription,
    int deliveryAttempt) {
  public static final String EVENT_TYPE = "google.cloud.pubsub.topic.v1.messagePublished";
  private static final ObjectMapper JSON = new ObjectMapper();

  public PubSubMessage {
    attributes = Map.copyOf(attributes);
  }

  /**
   * Reads the message; an event that is not a Pub/Sub message is a {@link PermanentException}
   * ({@code malformed-event}): redelivering it cannot help.
   */
  public static PubSubMessage of(CloudEvent event) {
    if (event.getData() == null) {
      throw malformed(event, "has no data");
    }
    JsonNode root;
    try {
      root = JSON.readTree(event.getData().toBytes());
    } catch (IOException e) {
      throw malformed(event, "data is not JSON");
    }
    JsonNode message = root == null ? null : root.get("message");
    if (message == null || !message.isObject()) {
      throw malformed(event, "data has no Pub/Sub message");
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(message.path("data").asText(""));
    } catch (IllegalArgumentException e) {
      throw malformed(event, "message data is not base64");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    message
        .path("attributes")
        .properties()
        .forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
    String id = message.path("messageId").asText(message.path("message_id").asText(event.getId()));
    return new PubSubMessage(
        id,
        data,
        attributes,
        root.path("subscription").asText(""),
        root.path("deliveryAttempt").asInt(0));
  }

  /** The data as UTF-8 text. */
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  private static PermanentException malformed(CloudEvent event, String problem) {
    return new PermanentException(
        "malformed-event", "CloudEvent " + event.getId() + " (" + event.getType() + ") " + problem);
  }
}
