package io.cloudledger.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.AzurePrincipal;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Key Vault's secrets data plane (REST api-version 7.0-7.6) on the sandbox's base URL: {@code
 * /secrets}, {@code /secrets/{name}[/{version}|/versions]} and {@code /deletedsecrets[/{name}
 * [/recover]]}. The vault is the request's {@code Host}: clients use {@code https://127.0.0.1:PORT}
 * as the vault URL (the SDK reads a secret's name and version from the path of its id, so the vault
 * cannot be a path prefix). Authentication is Key Vault's challenge: a request without a token gets
 * 401 with {@code WWW-Authenticate: Bearer authorization=".../{tenant}",
 * resource="https://vault.azure.net"}, and tokens must be issued for that audience.
 */
public final class KeyVaultRoute implements Route {
  /** The audience of Key Vault tokens, as the challenge names it. */
  public static final String RESOURCE = "https://vault.azure.net";

  /** The call counter of 401 challenges sent (requests without a valid Key Vault token). */
  public static final String CHALLENGE = "KeyVault_Challenge";

  private static final Set<String> API_VERSIONS =
      Set.of("7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6");
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");
  private static final int MAX_RESULTS = 25;

  private final AzureDirectory directory;
  private final AzurePrincipal principal;
  private final CallCounters counters;
  private final KeyVaultSecrets secrets;

  public KeyVaultRoute(
      AzureDirectory directory,
      AzurePrincipal principal,
      CallCounters counters,
      java.time.Clock clock) {
    this.directory = directory;
    this.principal = principal;
    this.counters = counters;
    this.secrets = new KeyVaultSecrets(clock);
  }

  @Override
  public boolean matches(SandboxRequest request) {
    if (request.header("authorization").map(a -> a.startsWith("AWS4-")).orElse(false)) {
      return false;
    }
    String path = request.path();
    return path.equals("/secrets")
        || path.startsWith("/secrets/")
        || path.equals("/deletedsecrets")
        || path.startsWith("/deletedsecrets/");
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    String vault = request.header("host").orElse("127.0.0.1").toLowerCase(Locale.ROOT);
    List<String> segments =
        Arrays.stream(request.path().substring(1).split("/", -1))
            .map(KeyVaultRoute::decode)
            .toList();
    String operation = operation(request.method(), segments);
    counters.recordCall("KeyVault_" + operation, vault);
    Optional<SandboxResponse> refused = authenticate(request);
    if (refused.isPresent()) {
      counters.recordCall(CHALLENGE, vault);
      return refused.get();
    }
    String apiVersion = request.queryParameters().get("api-version");
    if (apiVersion == null || apiVersion.isBlank()) {
      return error(
          400, "BadParameter", "The request is missing the required 'api-version' parameter.");
    }
    if (!API_VERSIONS.contains(apiVersion)) {
      return error(
          400,
          "BadParameter",
          "The specified version ("
              + apiVersion
              + ") is not recognized. Consider using the latest supported version (7.6).");
    }
    if (segments.size() > 1 && !NAME.matcher(segments.get(1)).matches()) {
      return error(
          400, "BadParameter", "The request URI contains an invalid name: " + segments.get(1));
    }
    String base = "https://" + vault;
    return switch (operation) {
      case "SetSecret" -> set(request, vault, base, segments.get(1));
      case "GetSecret" ->
          get(vault, base, segments.get(1), segments.size() > 2 ? segments.get(2) : "");
      case "UpdateSecret" -> update(request, vault, base, segments.get(1), segments.get(2));
      case "GetSecrets" -> list(request, vault, base);
      case "GetSecretVersions" -> versions(request, vault, base, segments.get(1));
      case "DeleteSecret" -> delete(vault, base, segments.get(1));
      case "GetDeletedSecret" ->
          secrets
              .deleted(vault, segments.get(1))
              .map(s -> json(200, deletedBundle(base, s)))
              .orElseGet(() -> error(404, "SecretNotFound", "Deleted Secret not found"));
      case "GetDeletedSecrets" -> deletedList(vault, base);
      case "PurgeDeletedSecret" ->
          secrets.purge(vault, segments.get(1))
              ? new SandboxResponse(204, "application/json", new byte[0], requestId())
              : error(404, "SecretNotFound", "Deleted Secret not found");
      case "RecoverDeletedSecret" ->
          secrets
              .recover(vault, segments.get(1))
              .map(s -> json(200, bundle(base, s, s.latest(), false)))
              .orElseGet(() -> error(404, "SecretNotFound", "Deleted Secret not found"));
      default ->
          error(
              405,
              "BadParameter",
              "The sandbox's Key Vault does not serve " + request.method() + " " + request.path());
    };
  }

  private static String operation(String method, List<String> segments) {
    boolean deleted = segments.getFirst().equals("deletedsecrets");
    int size = segments.size();
    if (!deleted) {
      return switch (method + " " + size) {
        case "GET 1" -> "GetSecrets";
        case "PUT 2" -> "SetSecret";
        case "DELETE 2" -> "DeleteSecret";
        case "GET 2" -> "GetSecret";
        case "GET 3" -> segments.get(2).equals("versions") ? "GetSecretVersions" : "GetSecret";
        case "PATCH 3" -> "UpdateSecret";
        default -> "Unknown";
      };
    }
    return switch (method + " " + size) {
      case "GET 1" -> "GetDeletedSecrets";
      case "GET 2" -> "GetDeletedSecret";
      case "DELETE 2" -> "PurgeDeletedSecret";
      case "POST 3" -> segments.get(2).equals("recover") ? "RecoverDeletedSecret" : "Unknown";
      default -> "Unknown";
    };
  }

  private Optional<SandboxResponse> authenticate(SandboxRequest request) {
    Optional<String> bearer =
        request
            .header("authorization")
            .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(h -> h.substring(7).strip());
    if (bearer.isEmpty()) {
      return Optional.of(
          challenge("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
    }
    Optional<AzureTokens.IssuedToken> token = directory.token(bearer.get());
    if (token.isEmpty()) {
      return Optional.of(challenge("Unauthorized", "AKV10032: Invalid issuer."));
    }
    String audience = token.get().audience();
    if (!audience.equals(RESOURCE) && !audience.equals(RESOURCE + "/")) {
      return Optional.of(
          challenge(
              "Unauthorized",
              "AKV10022: Invalid audience. Expected " + RESOURCE + ", found: " + audience + "."));
    }
    return Optional.empty();
  }

  private SandboxResponse challenge(String code, String message) {
    Map<String, String> headers = new LinkedHashMap<>(requestId());
    headers.put(
        "WWW-Authenticate",
        "Bearer authorization=\"https://login.microsoftonline.com/"
            + principal.tenantId()
            + "\", resource=\""
            + RESOURCE
            + "\"");
    return error(401, code, message, Optional.empty(), headers);
  }

  private SandboxResponse set(SandboxRequest request, String vault, String base, String name) {
    JsonNode body;
    try {
      body = ArmResources.JSON.readTree(request.body());
    } catch (IOException e) {
      return error(400, "BadParameter", "The request body is not valid JSON.");
    }
    if (body == null || !body.path("value").isTextual()) {
      return error(400, "BadParameter", "Property 'value' is required.");
    }
    JsonNode attributes = body.path("attributes");
    try {
      KeyVaultSecrets.Version version =
          secrets.set(
              vault,
              name,
              body.path("value").asText(),
              text(body, "contentType"),
              tags(body.path("tags")),
              attributes.path("enabled").asBoolean(true),
              epoch(attributes, "nbf"),
              epoch(attributes, "exp"));
      KeyVaultSecrets.Secret secret = secrets.active(vault, name).orElseThrow();
      return json(200, bundle(base, secret, version, true));
    } catch (KeyVaultSecrets.DeletedButRecoverable e) {
      return error(
          409,
          "Conflict",
          "Secret "
              + name
              + " is currently in a deleted but recoverable state, and its name cannot be reused;"
              + " in this state, the secret can only be recovered or purged.",
          Optional.of("ObjectIsDeletedButRecoverable"),
          requestId());
    }
  }

  private SandboxResponse get(String vault, String base, String name, String versionId) {
    Optional<KeyVaultSecrets.Secret> secret = secrets.active(vault, name);
    Optional<KeyVaultSecrets.Version> version =
        secret.flatMap(s -> versionId.isEmpty() ? Optional.of(s.latest()) : s.version(versionId));
    if (version.isEmpty()) {
      return notFound(versionId.isEmpty() ? name : name + "/" + versionId);
    }
    if (!version.get().enabled) {
      return error(
          403,
          "Forbidden",
          "Operation get is not allowed on a disabled secret.",
          Optional.of("SecretDisabled"),
          requestId());
    }
    return json(200, bundle(base, secret.get(), version.get(), true));
  }

  private SandboxResponse update(
      SandboxRequest request, String vault, String base, String name, String versionId) {
    Optional<KeyVaultSecrets.Secret> secret = secrets.active(vault, name);
    Optional<KeyVaultSecrets.Version> version = secret.flatMap(s -> s.version(versionId));
    if (version.isEmpty()) {
      return notFound(name + "/" + versionId);
    }
    JsonNode body;
    try {
      body = ArmResources.JSON.readTree(request.body());
    } catch (IOException e) {
      return error(400, "BadParameter", "The request body is not valid JSON.");
    }
    synchronized (secrets) {
      KeyVaultSecrets.Version v = version.get();
      if (body.has("contentType")) {
        v.contentType = text(body, "contentType").orElse(null);
      }
      if (body.has("tags")) {
        v.tags = tags(body.path("tags"));
      }
      JsonNode attributes = body.path("attributes");
      if (attributes.has("enabled")) {
        v.enabled = attributes.path("enabled").asBoolean(true);
      }
      if (attributes.has("nbf")) {
        v.notBefore = epoch(attributes, "nbf");
      }
      if (attributes.has("exp")) {
        v.expires = epoch(attributes, "exp");
      }
      v.updated = secrets.now();
      return json(200, bundle(base, secret.get(), v, false));
    }
  }

  private SandboxResponse list(SandboxRequest request, String vault, String base) {
    List<ObjectNode> items = new ArrayList<>();
    for (KeyVaultSecrets.Secret secret : sortedByName(secrets.all(vault, false))) {
      ObjectNode item = properties(secret.latest());
      item.put("id", base + "/secrets/" + secret.name);
      items.add(item);
    }
    return page(request, base + "/secrets", items);
  }

  private SandboxResponse versions(SandboxRequest request, String vault, String base, String name) {
    Optional<KeyVaultSecrets.Secret> secret = secrets.active(vault, name);
    if (secret.isEmpty()) {
      return notFound(name);
    }
    List<ObjectNode> items = new ArrayList<>();
    for (KeyVaultSecrets.Version version : secret.get().versions) {
      ObjectNode item = properties(version);
      item.put("id", base + "/secrets/" + secret.get().name + "/" + version.id);
      items.add(item);
    }
    return page(request, base + "/secrets/" + secret.get().name + "/versions", items);
  }

  private SandboxResponse delete(String vault, String base, String name) {
    return secrets
        .delete(vault, name)
        .map(s -> json(200, deletedBundle(base, s)))
        .orElseGet(() -> notFound(name));
  }

  private SandboxResponse deletedList(String vault, String base) {
    ObjectNode body = ArmResources.JSON.createObjectNode();
    ArrayNode value = body.putArray("value");
    for (KeyVaultSecrets.Secret secret : sortedByName(secrets.all(vault, true))) {
      ObjectNode item = deletedBundle(base, secret);
      item.put("id", base + "/secrets/" + secret.name);
      value.add(item);
    }
    body.putNull("nextLink");
    return json(200, body);
  }

  /** One page of a list, with Key Vault's absolute {@code nextLink} (null on the last page). */
  private static SandboxResponse page(
      SandboxRequest request, String listUrl, List<ObjectNode> items) {
    Map<String, String> query = request.queryParameters();
    int size = MAX_RESULTS;
    try {
      size = Math.clamp(Integer.parseInt(query.getOrDefault("maxresults", "25")), 1, MAX_RESULTS);
    } catch (NumberFormatException e) {
      return error(400, "BadParameter", "maxresults must be an integer between 1 and 25.");
    }
    int offset = skipToken(query.get("$skiptoken"));
    ObjectNode body = ArmResources.JSON.createObjectNode();
    ArrayNode value = body.putArray("value");
    int end = Math.min(items.size(), offset + size);
    for (int i = offset; i < end; i++) {
      value.add(items.get(i));
    }
    if (end < items.size()) {
      body.put(
          "nextLink",
          listUrl
              + "?api-version="
              + query.get("api-version")
              + "&$skiptoken="
              + end
              + "&maxresults="
              + size);
    } else {
      body.putNull("nextLink");
    }
    return json(200, body);
  }

  private static int skipToken(String raw) {
    try {
      return raw == null ? 0 : Math.max(0, Integer.parseInt(raw));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<KeyVaultSecrets.Secret> sortedByName(List<KeyVaultSecrets.Secret> all) {
    return all.stream().sorted(Comparator.comparing(s -> s.name.toLowerCase(Locale.ROOT))).toList();
  }

  private static ObjectNode bundle(
      String base,
      KeyVaultSecrets.Secret secret,
      KeyVaultSecrets.Version version,
      boolean withValue) {
    ObjectNode node = ArmResources.JSON.createObjectNode();
    if (withValue) {
      node.put("value", version.value);
    }
    node.put("id", base + "/secrets/" + secret.name + "/" + version.id);
    node.setAll(properties(version));
    return node;
  }

  private static ObjectNode deletedBundle(String base, KeyVaultSecrets.Secret secret) {
    ObjectNode node = bundle(base, secret, secret.latest(), false);
    node.put("recoveryId", base + "/deletedsecrets/" + secret.name);
    node.put("deletedDate", secret.deletedAt.getEpochSecond());
    node.put("scheduledPurgeDate", secret.scheduledPurge().getEpochSecond());
    return node;
  }

  /** contentType, attributes and tags, as in SecretBundle and SecretItem. */
  private static ObjectNode properties(KeyVaultSecrets.Version version) {
    ObjectNode node = ArmResources.JSON.createObjectNode();
    if (version.contentType != null) {
      node.put("contentType", version.contentType);
    }
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("enabled", version.enabled);
    version.notBefore.ifPresent(t -> attributes.put("nbf", t.getEpochSecond()));
    version.expires.ifPresent(t -> attributes.put("exp", t.getEpochSecond()));
    attributes.put("created", version.created.getEpochSecond());
    attributes.put("updated", version.updated.getEpochSecond());
    attributes.put("recoveryLevel", "Recoverable+Purgeable");
    attributes.put("recoverableDays", KeyVaultSecrets.RECOVERABLE_DAYS);
    if (!version.tags.isEmpty()) {
      ObjectNode tags = node.putObject("tags");
      version.tags.forEach(tags::put);
    }
    return node;
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode node = body.path(field);
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static Map<String, String> tags(JsonNode node) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (node.isObject()) {
      node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    }
    return tags;
  }

  private static Optional<Instant> epoch(JsonNode attributes, String field) {
    JsonNode node = attributes.path(field);
    return node.isNumber() ? Optional.of(Instant.ofEpochSecond(node.asLong())) : Optional.empty();
  }

  private static SandboxResponse notFound(String nameOrId) {
    return error(
        404,
        "SecretNotFound",
        "A secret with (name/id) "
            + nameOrId
            + " was not found in this key vault. If you recently deleted this secret you may be"
            + " able to recover it using the correct recovery command. For help resolving this"
            + " issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
  }

  private static SandboxResponse error(int status, String code, String message) {
    return error(status, code, message, Optional.empty(), requestId());
  }

  /** Key Vault's error body: {@code {"error":{"code":...,"message":...,"innererror":...}}}. */
  private static SandboxResponse error(
      int status,
      String code,
      String message,
      Optional<String> innerCode,
      Map<String, String> headers) {
    ObjectNode root = ArmResources.JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    innerCode.ifPresent(inner -> error.putObject("innererror").put("code", inner));
    return new SandboxResponse(
        status,
        "application/json; charset=utf-8",
        root.toString().getBytes(StandardCharsets.UTF_8),
        headers);
  }

  private static SandboxResponse json(int status, ObjectNode body) {
    return new SandboxResponse(
        status,
        "application/json; charset=utf-8",
        body.toString().getBytes(StandardCharsets.UTF_8),
        requestId());
  }

  private static Map<String, String> requestId() {
    return Map.of(
        "x-ms-request-id",
        UUID.randomUUID().toString(),
        "x-ms-keyvault-service-version",
        "1.9.2164.1");
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
