package io.cloudledger.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * What a runtime's HTTP entry point answered, translated back from the platform's response type:
 * the status code and the body as text (JSON for every answer of the sync API).
 */
public record HttpReply(int status, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public HttpReply {
    Objects.requireNonNull(body, "body (use \"\" for an empty one)");
  }

  /** The body as JSON; fails the calling test, showing the body, when it is not JSON. */
  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("the reply (" + status + ") is not JSON: " + body, e);
    }
  }
}
