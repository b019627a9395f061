package io.cloudledger.aws.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.secrets.SecretValue;
import java.io.IOException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An IAM access key as a rotated secret's value: {@code {"accessKeyId": ..., "secretAccessKey":
 * ...}}. The key id is not secret (it appears in CloudTrail and in our messages); the secret half
 * stays inside {@link SecretValue}.
 */
public record AccessKeySecret(String accessKeyId, SecretValue secretAccessKey) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the JSON value; a malformed one is an error that does not echo the value. */
  public static AccessKeySecret parse(SecretValue value) {
    try {
      JsonNode node = JSON.readTree(value.reveal());
      String id = node == null ? null : node.path("accessKeyId").asText(null);
      String secret = node == null ? null : node.path("secretAccessKey").asText(null);
      if (id == null || secret == null || id.isEmpty() || secret.isEmpty()) {
        throw malformed(null);
      }
      return new AccessKeySecret(id, SecretValue.of(secret));
    } catch (IOException e) {
      throw malformed(null); // the parser's message quotes the input: drop it
    }
  }

  public SecretValue toSecretValue() {
    return SecretValue.of(
        JSON.createObjectNode()
            .put("accessKeyId", accessKeyId)
            .put("secretAccessKey", secretAccessKey.reveal())
            .toString());
  }

  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKeyId, secretAccessKey.reveal()));
  }

  private static RotationException malformed(Throwable cause) {
    return new RotationException(
        "malformed-secret",
        "the secret's value is not an access key: expected JSON with accessKeyId and"
            + " secretAccessKey",
        cause);
  }
}
