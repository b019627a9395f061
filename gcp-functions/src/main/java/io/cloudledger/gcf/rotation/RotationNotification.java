package io.cloudledger.gcf.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.gcf.PubSubMessage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Secret Manager event notification: attributes {@code eventType} and {@code secretId}, data the
 * Secret resource as JSON (whose {@code labels} choose the rotation target). The same topic gets
 * every event type of the secret ({@code SECRET_VERSION_ADD}, {@code SECRET_UPDATE}, ...); only
 * {@value #SECRET_ROTATE} asks for a rotation.
 */
record RotationNotification(String eventType, String secretId, Map<String, String> labels) {
  static final String SECRET_ROTATE = "SECRET_ROTATE";
  private static final ObjectMapper JSON = new ObjectMapper();

  static RotationNotification of(PubSubMessage message) {
    String eventType = message.attributes().getOrDefault("eventType", "");
    String secretId = message.attributes().getOrDefault("secretId", "");
    if (!eventType.equals(SECRET_ROTATE)) {
      return new RotationNotification(eventType, secretId, Map.of());
    }
    if (secretId.isEmpty()) {
      throw malformed(message, "has no secretId attribute");
    }
    JsonNode secret;
    try {
      secret = JSON.readTree(message.data());
    } catch (IOException e) {
      throw malformed(message, "data is not the Secret as JSON");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (secret != null) {
      secret
          .path("labels")
          .properties()
          .forEach(l -> labels.put(l.getKey(), l.getValue().asText()));
    }
    return new RotationNotification(eventType, secretId, labels);
  }

  boolean asksForRotation() {
    return eventType.equals(SECRET_ROTATE);
  }

  private static PermanentException malformed(PubSubMessage message, String problem) {
    return new PermanentException(
        "malformed-event", "rotation notification " + message.messageId() + " " + problem);
  }
}
