package io.cloudledger.sandbox.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON bodies as Google APIs write them: Compute errors and OAuth2 token-endpoint errors. */
final class GcpErrors {
  static final ObjectMapper JSON = new ObjectMapper();

  private GcpErrors() {}

  /** {@code {"error":{"code","message","errors":[{message,domain,reason}],"status"}}}. */
  static SandboxResponse compute(
      int code, String status, String domain, String reason, String message) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("message", message);
    detail.put("domain", domain);
    detail.put("reason", reason);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("errors", List.of(detail));
    error.put("status", status);
    return json(code, Map.of("error", error));
  }

  static SandboxResponse unauthenticated() {
    return compute(
        401,
        "UNAUTHENTICATED",
        "global",
        "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
            + " cookie or other valid authentication credential.");
  }

  static SandboxResponse rateLimited(int code) {
    return compute(
        code,
        code == 429 ? "RESOURCE_EXHAUSTED" : "PERMISSION_DENIED",
        "usageLimits",
        "rateLimitExceeded",
        "Rate Limit Exceeded");
  }

  static SandboxResponse backendError() {
    return compute(503, "UNAVAILABLE", "global", "backendError", "Backend Error");
  }

  static SandboxResponse forbidden(String permission, String project) {
    return compute(
        403,
        "PERMISSION_DENIED",
        "global",
        "forbidden",
        "Required '" + permission + "' permission for 'projects/" + project + "'");
  }

  static SandboxResponse notFound(String what) {
    return compute(
        404, "NOT_FOUND", "global", "notFound", "The resource '" + what + "' was not found");
  }

  static SandboxResponse invalid(String message) {
    return compute(400, "INVALID_ARGUMENT", "global", "invalid", message);
  }

  /** The token endpoint's shape: {@code {"error": "...", "error_description": "..."}}. */
  static SandboxResponse oauth(int code, String error, String description) {
    return json(code, Map.of("error", error, "error_description", description));
  }

  static SandboxResponse json(int code, Object body) {
    try {
      return SandboxResponse.json(code, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON response", e);
    }
  }
}
