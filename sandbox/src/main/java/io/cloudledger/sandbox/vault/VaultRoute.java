package io.cloudledger.sandbox.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HashiCorp Vault's HTTP API under {@code /v1/}: the KV version 2 engine at any mount ({@code
 * data/} read, write with check-and-set, soft delete; {@code metadata/} read, list, delete), {@code
 * sys/health}, and AppRole login. Requests need {@code X-Vault-Token}: the root token or one issued
 * by an AppRole login; anything else is 403 {@code permission denied}.
 */
public final class VaultRoute implements Route {
  /** The sandbox's root token (a published sandbox value, not a secret). */
  public static final String ROOT_TOKEN = "hvs.sandbox-root-token";

  /** The one AppRole the sandbox knows (published sandbox values). */
  public static final String APPROLE_ROLE_ID = "cloudledger-sandbox-role";

  public static final String APPROLE_SECRET_ID = "cloudledger-sandbox-secret-id";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/v1/";

  private final Clock clock;
  private final VaultKv kv;
  private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

  public VaultRoute(Clock clock) {
    this.clock = clock;
    this.kv = new VaultKv(clock);
  }

  @Override
  public boolean matches(SandboxRequest request) {
    return request.path().startsWith(PREFIX);
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    String path = request.path().substring(PREFIX.length());
    if (path.equals("sys/health")) {
      return ok(
          JSON.createObjectNode()
              .put("initialized", true)
              .put("sealed", false)
              .put("standby", false)
              .put("version", "1.17.0-sandbox"));
    }
    if (path.equals("auth/approle/login") && request.method().equals("POST")) {
      return appRoleLogin(request);
    }
    String token = request.header("x-vault-token").orElse("");
    if (!token.equals(ROOT_TOKEN) && !issuedTokens.contains(token)) {
      return errors(403, "permission denied");
    }
    String[] parts = path.split("/", 3);
    if (parts.length < 3 || parts[2].isEmpty()) {
      return errors(404, "no handler for route \"" + path + "\"");
    }
    String mount = parts[0];
    String secretPath = parts[2];
    boolean list =
        request.method().equals("LIST")
            || request.queryParameters().getOrDefault("list", "").equals("true");
    return switch (parts[1]) {
      case "data" -> data(request, mount, secretPath);
      case "metadata" -> list ? list(mount, secretPath) : metadata(request, mount, secretPath);
      default -> errors(404, "no handler for route \"" + path + "\"");
    };
  }

  private SandboxResponse appRoleLogin(SandboxRequest request) {
    JsonNode body = body(request);
    if (!body.path("role_id").asText().equals(APPROLE_ROLE_ID)
        || !body.path("secret_id").asText().equals(APPROLE_SECRET_ID)) {
      return errors(400, "invalid role or secret ID");
    }
    String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
    issuedTokens.add(token);
    ObjectNode out = envelope();
    ObjectNode auth = out.putObject("auth");
    auth.put("client_token", token)
        .put("accessor", UUID.randomUUID().toString())
        .put("lease_duration", 3600)
        .put("renewable", true);
    auth.putArray("policies").add("default");
    return ok(out);
  }

  private SandboxResponse data(SandboxRequest request, String mount, String path) {
    switch (request.method()) {
      case "GET" -> {
        Optional<Integer> version =
            Optional.ofNullable(request.queryParameters().get("version")).map(Integer::valueOf);
        Optional<VaultKv.Version> found = kv.read(mount, path, version);
        if (found.isEmpty()) {
          return errors(404);
        }
        ObjectNode out = envelope();
        ObjectNode data = out.putObject("data");
        if (found.get().deleted != null) {
          data.putNull("data");
          data.set("metadata", versionMetadata(found.get()));
          return json(404, out);
        }
        data.set("data", JSON.valueToTree(found.get().data));
        data.set("metadata", versionMetadata(found.get()));
        return ok(out);
      }
      case "POST", "PUT" -> {
        JsonNode body = body(request);
        if (!body.path("data").isObject()) {
          return errors(400, "no data provided");
        }
        Map<String, Object> values =
            JSON.convertValue(body.get("data"), new TypeReference<Map<String, Object>>() {});
        Optional<Integer> cas =
            body.path("options").has("cas")
                ? Optional.of(body.path("options").path("cas").asInt())
                : Optional.empty();
        try {
          VaultKv.Version written = kv.write(mount, path, values, cas);
          ObjectNode out = envelope();
          out.set("data", versionMetadata(written));
          return ok(out);
        } catch (VaultKv.CasMismatch e) {
          return errors(400, e.getMessage());
        }
      }
      case "DELETE" -> {
        kv.deleteLatest(mount, path);
        return new SandboxResponse(204, "application/json", new byte[0], Map.of());
      }
      default -> {
        return errors(405);
      }
    }
  }

  private SandboxResponse metadata(SandboxRequest request, String mount, String path) {
    if (request.method().equals("DELETE")) {
      kv.deleteAll(mount, path);
      return new SandboxResponse(204, "application/json", new byte[0], Map.of());
    }
    Optional<VaultKv.Secret> secret = kv.metadata(mount, path);
    if (secret.isEmpty() || secret.get().versions.isEmpty()) {
      return errors(404);
    }
    ObjectNode out = envelope();
    ObjectNode data = out.putObject("data");
    VaultKv.Secret s = secret.get();
    data.put("created_time", time(s.versions.getFirst().created))
        .put("updated_time", time(s.updated))
        .put("current_version", s.currentVersion())
        .put("oldest_version", s.versions.getFirst().number)
        .put("max_versions", 0)
        .put("cas_required", false)
        .putNull("custom_metadata");
    ObjectNode versions = data.putObject("versions");
    for (VaultKv.Version v : s.versions) {
      versions
          .putObject(Integer.toString(v.number))
          .put("created_time", time(v.created))
          .put("deletion_time", v.deleted == null ? "" : time(v.deleted))
          .put("destroyed", false);
    }
    return ok(out);
  }

  private SandboxResponse list(String mount, String path) {
    var keys = kv.list(mount, path);
    if (keys.isEmpty()) {
      return errors(404);
    }
    ObjectNode out = envelope();
    ArrayNode array = out.putObject("data").putArray("keys");
    keys.forEach(array::add);
    return ok(out);
  }

  private static ObjectNode versionMetadata(VaultKv.Version version) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata
        .put("created_time", time(version.created))
        .putNull("custom_metadata")
        .put("deletion_time", version.deleted == null ? "" : time(version.deleted))
        .put("destroyed", false)
        .put("version", version.number);
    return metadata;
  }

  private static String time(Instant instant) {
    return instant.toString();
  }

  private ObjectNode envelope() {
    return JSON.createObjectNode()
        .put("request_id", UUID.randomUUID().toString())
        .put("lease_id", "")
        .put("renewable", false)
        .put("lease_duration", 0);
  }

  private static JsonNode body(SandboxRequest request) {
    try {
      return request.body().length == 0
          ? JSON.createObjectNode()
          : JSON.readTree(new String(request.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static SandboxResponse ok(ObjectNode body) {
    return json(200, body);
  }

  private static SandboxResponse json(int status, ObjectNode body) {
    return SandboxResponse.json(status, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Vault's error document: {@code {"errors": [...]}} (empty for a plain 404). */
  private static SandboxResponse errors(int status, String... messages) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode errors = body.putArray("errors");
    for (String message : messages) {
      errors.add(message);
    }
    return json(status, body);
  }
}
