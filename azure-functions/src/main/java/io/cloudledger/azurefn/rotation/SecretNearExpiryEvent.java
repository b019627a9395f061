package io.cloudledger.azurefn.rotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.error.PermanentException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A Key Vault secret event as Event Grid delivers it, in the Event Grid schema ({@code eventType},
 * {@code data.VaultName}, {@code data.ObjectName}, {@code data.Version}, {@code data.Id}) or the
 * CloudEvents 1.0 schema ({@code type}, same {@code data}).
 *
 * @param id the event's id (for logs)
 * @param eventType e.g. {@code Microsoft.KeyVault.SecretNearExpiry}
 * @param secretUri {@code data.Id}: the versioned secret URI the event is about
 */
public record SecretNearExpiryEvent(
    String id,
    String eventType,
    String vaultName,
    String secretName,
    String version,
    String secretUri) {

  public static final String NEAR_EXPIRY = "Microsoft.KeyVault.SecretNearExpiry";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses one event; throws {@link PermanentException} ({@code malformed-event}) if it is not. */
  public static SecretNearExpiryEvent parse(String json) {
    JsonNode event;
    try {
      event = json == null ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PermanentException("malformed-event", "the Event Grid event is not JSON");
    }
    if (event != null && event.isArray() && event.size() == 1) {
      event = event.get(0); // a webhook-style delivery of one event
    }
    if (event == null || !event.isObject()) {
      throw new PermanentException("malformed-event", "the Event Grid event is not a JSON object");
    }
    String type = text(event, "eventType", text(event, "type", ""));
    JsonNode data = event.path("data");
    SecretNearExpiryEvent parsed =
        new SecretNearExpiryEvent(
            text(event, "id", ""),
            type,
            text(data, "VaultName", ""),
            text(data, "ObjectName", ""),
            text(data, "Version", ""),
            text(data, "Id", ""));
    if (type.isEmpty() || parsed.vaultName.isEmpty() || parsed.secretName.isEmpty()) {
      throw new PermanentException(
          "malformed-event",
          "the event (id '"
              + parsed.id
              + "') lacks eventType, data.VaultName or data.ObjectName: not a Key Vault event");
    }
    return parsed;
  }

  public boolean nearExpiry() {
    return NEAR_EXPIRY.equals(eventType);
  }

  /**
   * The rotation's token, derived from the expiring version: a redelivered event (Event Grid
   * retries until the function succeeds) resumes the same rotation instead of starting another.
   */
  public String rotationToken() {
    String about = secretUri.isEmpty() ? vaultName + "/" + secretName + "/" + version : secretUri;
    return UUID.nameUUIDFromBytes(("near-expiry:" + about).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Key Vault writes {@code VaultName}; SDK-serialized events write {@code vaultName}. */
  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    if (value == null) {
      value = node.get(Character.toLowerCase(field.charAt(0)) + field.substring(1));
    }
    return value == null || !value.isValueNode() ? fallback : value.asText();
  }
}
