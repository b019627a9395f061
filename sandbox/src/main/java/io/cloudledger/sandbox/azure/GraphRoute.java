package io.cloudledger.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph v1.0's application password operations on the sandbox's base URL: {@code GET
 * /v1.0/applications/{id}}, {@code POST .../addPassword} and {@code POST .../removePassword}, the
 * application addressed by object id or as {@code applications(appId='{appId}')}. Tokens must be
 * issued for {@code https://graph.microsoft.com}. Passwords added here get tokens at the sandbox's
 * token endpoint; removed ones stop getting them.
 */
public final class GraphRoute implements Route {
  /** The audience of Graph tokens. */
  public static final String RESOURCE = "https://graph.microsoft.com";

  private static final Pattern PATH =
      Pattern.compile(
          "/v1\\.0/applications(?:/([0-9a-fA-F-]{36})|\\(appId='([0-9a-fA-F-]{36})'\\)|/([^/]*))"
              + "(/addPassword|/removePassword)?");

  private final AzureDirectory directory;
  private final CallCounters counters;

  public GraphRoute(AzureDirectory directory, CallCounters counters) {
    this.directory = directory;
    this.counters = counters;
  }

  @Override
  public boolean matches(SandboxRequest request) {
    return request.path().startsWith("/v1.0/applications")
        && !request.header("authorization").map(a -> a.startsWith("AWS4-")).orElse(false);
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    String path = request.path().replace("%27", "'").replace("%28", "(").replace("%29", ")");
    Matcher matcher = PATH.matcher(path);
    String action = matcher.matches() && matcher.group(4) != null ? matcher.group(4) : "";
    String operation =
        switch (action) {
          case "/addPassword" -> "Application_AddPassword";
          case "/removePassword" -> "Application_RemovePassword";
          default -> "Application_Get";
        };
    counters.recordCall(operation, CallCounters.UNKNOWN_ACCOUNT);
    Optional<SandboxResponse> refused = authenticate(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!matcher.matches()) {
      return error(
          400, "BadRequest", "Resource not found for the segment '" + request.path() + "'.");
    }
    Optional<AzureDirectory.Application> application =
        matcher.group(1) != null
            ? directory.application(matcher.group(1).toLowerCase(java.util.Locale.ROOT))
            : matcher.group(2) != null
                ? directory.applicationByAppId(matcher.group(2).toLowerCase(java.util.Locale.ROOT))
                : Optional.empty();
    String id =
        matcher.group(1) != null
            ? matcher.group(1)
            : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
    if (application.isEmpty()) {
      return error(
          404,
          "Request_ResourceNotFound",
          "Resource '"
              + id
              + "' does not exist or one of its queried reference-property objects are not"
              + " present.");
    }
    String expectedMethod = action.isEmpty() ? "GET" : "POST";
    if (!request.method().equals(expectedMethod)) {
      return error(
          405,
          "Request_BadRequest",
          "Specified HTTP method is not allowed for the request target.");
    }
    return switch (action) {
      case "/addPassword" -> addPassword(request, application.get());
      case "/removePassword" -> removePassword(request, application.get());
      default -> json(200, applicationBody(application.get()));
    };
  }

  private SandboxResponse addPassword(SandboxRequest request, AzureDirectory.Application app) {
    JsonNode credential;
    try {
      credential = ArmResources.JSON.readTree(request.body()).path("passwordCredential");
    } catch (IOException | RuntimeException e) {
      return error(400, "Request_BadRequest", "The request body is not valid JSON.");
    }
    Optional<Instant> end = Optional.empty();
    if (credential.path("endDateTime").isTextual()) {
      try {
        end = Optional.of(Instant.parse(credential.path("endDateTime").asText()));
      } catch (DateTimeParseException e) {
        return error(
            400, "Request_BadRequest", "Invalid value specified for property 'endDateTime'.");
      }
    }
    AzureDirectory.NewPassword added =
        directory
            .addPassword(app.objectId(), credential.path("displayName").asText(""), end)
            .orElseThrow();
    ObjectNode body = password(added.credential());
    body.put(
        "@odata.context",
        "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.passwordCredential");
    body.put("secretText", added.secretText());
    return json(200, body);
  }

  private SandboxResponse removePassword(SandboxRequest request, AzureDirectory.Application app) {
    String keyId;
    try {
      keyId = ArmResources.JSON.readTree(request.body()).path("keyId").asText("");
    } catch (IOException | RuntimeException e) {
      return error(400, "Request_BadRequest", "The request body is not valid JSON.");
    }
    if (!directory.removePassword(app.objectId(), keyId)) {
      return error(
          404,
          "Request_ResourceNotFound",
          "No password credential found with keyId '" + keyId + "'.");
    }
    return new SandboxResponse(204, "application/json", new byte[0], headers());
  }

  private ObjectNode applicationBody(AzureDirectory.Application app) {
    ObjectNode body = ArmResources.JSON.createObjectNode();
    body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#applications/$entity");
    body.put("id", app.objectId());
    body.put("appId", app.appId());
    body.put("displayName", app.displayName());
    body.put("signInAudience", "AzureADMyOrg");
    ArrayNode passwords = body.putArray("passwordCredentials");
    directory.passwords(app.objectId()).forEach(p -> passwords.add(password(p)));
    body.putArray("keyCredentials");
    return body;
  }

  private static ObjectNode password(AzureDirectory.PasswordCredential credential) {
    ObjectNode node = ArmResources.JSON.createObjectNode();
    node.putNull("customKeyIdentifier");
    node.put("displayName", credential.displayName());
    node.put("endDateTime", credential.end().toString());
    node.put("hint", credential.hint());
    node.put("keyId", credential.keyId());
    node.putNull("secretText");
    node.put("startDateTime", credential.start().toString());
    return node;
  }

  private Optional<SandboxResponse> authenticate(SandboxRequest request) {
    Optional<String> bearer =
        request
            .header("authorization")
            .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(h -> h.substring(7).strip());
    if (bearer.isEmpty()) {
      return Optional.of(error(401, "InvalidAuthenticationToken", "Access token is empty."));
    }
    Optional<AzureTokens.IssuedToken> token = directory.token(bearer.get());
    if (token.isEmpty()) {
      return Optional.of(
          error(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed."));
    }
    String audience = token.get().audience();
    if (!audience.equals(RESOURCE) && !audience.equals(RESOURCE + "/")) {
      return Optional.of(
          error(
              401,
              "InvalidAuthenticationToken",
              "Access token validation failure. Invalid audience."));
    }
    return Optional.empty();
  }

  /** Graph's error body, with the innerError Graph adds to every error. */
  private static SandboxResponse error(int status, String code, String message) {
    ObjectNode root = ArmResources.JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode inner = error.putObject("innerError");
    String requestId = UUID.randomUUID().toString();
    inner.put("date", Instant.now().toString());
    inner.put("request-id", requestId);
    inner.put("client-request-id", requestId);
    return new SandboxResponse(
        status, "application/json", root.toString().getBytes(StandardCharsets.UTF_8), headers());
  }

  private static SandboxResponse json(int status, ObjectNode body) {
    return new SandboxResponse(
        status,
        "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
        body.toString().getBytes(StandardCharsets.UTF_8),
        headers());
  }

  private static Map<String, String> headers() {
    return Map.of("request-id", UUID.randomUUID().toString());
  }
}
