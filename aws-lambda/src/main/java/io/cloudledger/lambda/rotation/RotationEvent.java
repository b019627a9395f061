package io.cloudledger.lambda.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.rotation.RotationStep;
import java.io.IOException;
import java.io.InputStream;

/**
 * The event Secrets Manager sends a rotation function: {@code {"Step": "createSecret", "SecretId":
 * "arn:...", "ClientRequestToken": "..."}} (aws-lambda-java-events has no type for it). Other
 * fields (e.g. {@code RotationToken}) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RotationEvent(
    @JsonProperty("Step") String step,
    @JsonProperty("SecretId") String secretId,
    @JsonProperty("ClientRequestToken") String clientRequestToken) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the event; a missing field or an unknown step is an {@link IllegalArgumentException}. */
  public static RotationEvent read(InputStream json) throws IOException {
    RotationEvent event = JSON.readValue(json, RotationEvent.class);
    if (event.secretId() == null || event.clientRequestToken() == null || event.step() == null) {
      throw new IllegalArgumentException(
          "a rotation event needs Step, SecretId and ClientRequestToken");
    }
    event.rotationStep(); // fails early on an unknown step
    return event;
  }

  public RotationStep rotationStep() {
    return RotationStep.fromAwsName(step)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown rotation step '"
                        + step
                        + "'; expected createSecret, setSecret, testSecret or finishSecret"));
  }
}
