package io.cloudledger.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP response produced by a route. */
public record SandboxResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {

  public SandboxResponse {
    headers = Map.copyOf(headers);
  }

  public static SandboxResponse xml(int status, byte[] body, Map<String, String> headers) {
    return new SandboxResponse(status, "text/xml;charset=UTF-8", body, headers);
  }

  public static SandboxResponse json(int status, byte[] body) {
    return new SandboxResponse(status, "application/json", body, Map.of());
  }

  public static SandboxResponse text(int status, String body) {
    return new SandboxResponse(
        status, "text/plain;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
