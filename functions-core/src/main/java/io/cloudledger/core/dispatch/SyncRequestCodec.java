package io.cloudledger.core.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The JSON form of a {@link SyncRequest} on the queue. Reading checks the schema version first, so
 * a message from a newer writer is reported as such rather than misread.
 */
public final class SyncRequestCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private SyncRequestCodec() {}

  public static String toJson(SyncRequest request) {
    try {
      return JSON.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "cannot write sync request " + request.requestId() + "/" + request.accountKey(), e);
    }
  }

  /** Reads a message body; throws {@link MalformedRequestException} naming what is wrong. */
  public static SyncRequest fromJson(String body) {
    if (body == null || body.isBlank()) {
      throw new MalformedRequestException("the message body is empty");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedRequestException(
          "the message body is not JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (tree == null || !tree.isObject()) {
      throw new MalformedRequestException("the message body is not a JSON object");
    }
    JsonNode version = tree.get("schemaVersion");
    if (version == null || !version.isInt()) {
      throw new MalformedRequestException("the message has no integer schemaVersion");
    }
    if (version.intValue() != SyncRequest.SCHEMA_VERSION) {
      throw new MalformedRequestException(
          "unknown schemaVersion "
              + version.intValue()
              + ", this version reads "
              + SyncRequest.SCHEMA_VERSION);
    }
    try {
      return JSON.treeToValue(tree, SyncRequest.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException arg ? arg : e;
      String detail =
          cause instanceof JsonProcessingException json
              ? json.getOriginalMessage()
              : cause.getMessage();
      throw new MalformedRequestException("invalid sync request: " + detail);
    }
  }
}
