package io.cloudledger.sandbox.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** ARM error responses: {@code {"error":{"code":...,"message":...}}} with ARM's headers. */
final class ArmError {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ArmError() {}

  static SandboxResponse of(int status, String code, String message) {
    return of(status, code, message, Map.of());
  }

  static SandboxResponse of(int status, String code, String message, Map<String, String> headers) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("x-ms-request-id", UUID.randomUUID().toString());
    all.put("x-ms-failure-cause", status >= 500 ? "service" : "gateway");
    return new SandboxResponse(
        status,
        "application/json; charset=utf-8",
        root.toString().getBytes(StandardCharsets.UTF_8),
        all);
  }

  /** Azure AD's OAuth2 error shape: {@code {"error":..., "error_description":...}}. */
  static SandboxResponse oauth(int status, String error, String description) {
    ObjectNode root = JSON.createObjectNode();
    root.put("error", error);
    root.put("error_description", description);
    root.putArray("error_codes");
    root.put("timestamp", Instant.now().toString());
    root.put("trace_id", UUID.randomUUID().toString());
    root.put("correlation_id", UUID.randomUUID().toString());
    return new SandboxResponse(
        status,
        "application/json; charset=utf-8",
        root.toString().getBytes(StandardCharsets.UTF_8),
        Map.of());
  }
}
