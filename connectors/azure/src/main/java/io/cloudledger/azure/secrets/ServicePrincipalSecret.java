package io.cloudledger.azure.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.secrets.SecretValue;
import java.io.IOException;

/**
 * A service principal's client secret as a rotated secret's value: {@code {"tenantId": ...,
 * "clientId": ..., "clientSecret": ..., "keyId": ...}}. The tenant, client and key ids are not
 * secret (they appear in sign-in logs and in our messages); {@code keyId} is the password
 * credential's id in Entra ID ("Secret ID" in the portal), which {@code removePassword} needs.
 */
public record ServicePrincipalSecret(
    String tenantId, String clientId, SecretValue clientSecret, String keyId) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the JSON value; a malformed one is an error that does not echo the value. */
  public static ServicePrincipalSecret parse(SecretValue value) {
    try {
      JsonNode node = JSON.readTree(value.reveal());
      if (node == null || !node.isObject()) {
        throw malformed();
      }
      String tenant = node.path("tenantId").asText("");
      String client = node.path("clientId").asText("");
      String secret = node.path("clientSecret").asText("");
      String key = node.path("keyId").asText("");
      if (tenant.isEmpty() || client.isEmpty() || secret.isEmpty() || key.isEmpty()) {
        throw malformed();
      }
      return new ServicePrincipalSecret(tenant, client, SecretValue.of(secret), key);
    } catch (IOException e) {
      throw malformed(); // the parser's message quotes the input: drop it
    }
  }

  public SecretValue toSecretValue() {
    return SecretValue.of(
        JSON.createObjectNode()
            .put("tenantId", tenantId)
            .put("clientId", clientId)
            .put("clientSecret", clientSecret.reveal())
            .put("keyId", keyId)
            .toString());
  }

  private static RotationException malformed() {
    return new RotationException(
        "malformed-secret",
        "the secret's value is not a service principal secret: expected JSON with tenantId,"
            + " clientId, clientSecret and keyId");
  }
}
