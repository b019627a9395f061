package io.cloudledger.sandbox.gcp;

import io.cloudledger.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors as Google's one-platform APIs (Secret Manager, IAM) write them: {@code
 * {"error":{"code":404,"message":"...","status":"NOT_FOUND"}}}, without Compute's legacy {@code
 * errors[]} list.
 */
final class GoogleApiErrors {
  private GoogleApiErrors() {}

  static SandboxResponse error(int code, String status, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    return GcpErrors.json(code, Map.of("error", error));
  }

  static SandboxResponse notFound(String message) {
    return error(404, "NOT_FOUND", message);
  }

  static SandboxResponse invalid(String message) {
    return error(400, "INVALID_ARGUMENT", message);
  }

  static SandboxResponse failedPrecondition(String message) {
    return error(400, "FAILED_PRECONDITION", message);
  }

  static SandboxResponse alreadyExists(String message) {
    return error(409, "ALREADY_EXISTS", message);
  }

  static SandboxResponse aborted(String message) {
    return error(409, "ABORTED", message);
  }

  static SandboxResponse unauthenticated() {
    return error(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
            + " cookie or other valid authentication credential. See"
            + " https://developers.google.com/identity/sign-in/web/devconsole-project.");
  }

  static SandboxResponse permissionDenied(String permission, String resource) {
    return error(
        403,
        "PERMISSION_DENIED",
        "Permission '"
            + permission
            + "' denied for resource '"
            + resource
            + "' (or it may not"
            + " exist).");
  }

  static SandboxResponse quotaExceeded(String service) {
    return error(
        429,
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service '"
            + service
            + "'.");
  }

  static SandboxResponse unavailable() {
    return error(503, "UNAVAILABLE", "The service is currently unavailable.");
  }
}
