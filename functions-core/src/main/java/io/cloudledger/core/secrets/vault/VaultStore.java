package io.cloudledger.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.core.secrets.RandomSecrets;
import io.cloudledger.core.secrets.SecretMetadata;
import io.cloudledger.core.secrets.SecretNames;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link SecretStore} over a HashiCorp Vault KV version 2 engine: secret {@code name} is the path
 * {@code prefix + name} under {@code mount}, holding {@code {"value": "..."}}; {@link #set} writes
 * a new version, {@link #delete} removes all versions (the metadata). Authentication is a token or
 * an AppRole login, done once and repeated when Vault answers 403.
 *
 * <p>Errors name the store, the secret and Vault's status and error strings, never a value or the
 * token.
 */
public final class VaultStore implements SecretStore {
  static final String VALUE_FIELD = "value";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final int priority;
  private final URI address;
  private final String mount;
  private final Optional<String> namespace;
  private final String prefix;
  private final VaultAuth auth;
  private final HttpClient http;
  private final SecureRandom random = new SecureRandom();
  private volatile SecretValue token;

  public VaultStore(
      String name,
      int priority,
      URI address,
      String mount,
      Optional<String> namespace,
      String prefix,
      VaultAuth auth,
      HttpClient http) {
    this.name = Objects.requireNonNull(name, "name");
    this.priority = priority;
    String base = address.toString();
    this.address = URI.create(base.endsWith("/") ? base : base + "/");
    this.mount = trimSlashes(mount);
    this.namespace = namespace;
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public Optional<SecretValue> get(String secretName) {
    String path = path(secretName);
    HttpResponse<String> response = send("GET", mount + "/data/" + path, null, secretName);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    requireOk(response, "reading", secretName);
    JsonNode value = read(response).path("data").path("data").path(VALUE_FIELD);
    if (!value.isTextual()) {
      throw new SecretStoreException(
          "secret '"
              + secretName
              + "' in store '"
              + name
              + "' has no text field '"
              + VALUE_FIELD
              + "'");
    }
    return Optional.of(SecretValue.of(value.asText()));
  }

  @Override
  public void set(String secretName, SecretValue value) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("data").put(VALUE_FIELD, value.reveal());
    HttpResponse<String> response =
        send("POST", mount + "/data/" + path(secretName), body.toString(), secretName);
    requireOk(response, "writing", secretName);
  }

  @Override
  public boolean delete(String secretName) {
    String path = path(secretName);
    HttpResponse<String> exists = send("GET", mount + "/metadata/" + path, null, secretName);
    if (exists.statusCode() == 404) {
      return false;
    }
    requireOk(exists, "deleting", secretName);
    requireOk(
        send("DELETE", mount + "/metadata/" + path, null, secretName), "deleting", secretName);
    return true;
  }

  @Override
  public List<String> list() {
    List<String> names = new ArrayList<>();
    // A prefix need not be a folder ("team-"): list the folder it is in and filter.
    collect(prefix.substring(0, prefix.lastIndexOf('/') + 1), names);
    return names.stream()
        .filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
        .map(n -> n.substring(prefix.length()))
        .filter(VaultStore::isValidName)
        .sorted()
        .toList();
  }

  @Override
  public SecretValue createRandom(String secretName, int length, String alphabet) {
    SecretValue value = RandomSecrets.generate(random, length, alphabet);
    set(secretName, value);
    return value;
  }

  /**
   * From KV v2's metadata endpoint: {@code created_time}, {@code updated_time}, {@code
   * current_version} and {@code custom_metadata} as tags; KV has no expiry of its own.
   */
  @Override
  public Optional<SecretMetadata> metadata(String secretName) {
    HttpResponse<String> response =
        send("GET", mount + "/metadata/" + path(secretName), null, secretName);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    requireOk(response, "reading the metadata of", secretName);
    JsonNode data = read(response).path("data");
    Map<String, String> tags = new TreeMap<>();
    data.path("custom_metadata")
        .properties()
        .forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    return Optional.of(
        new SecretMetadata(
            secretName,
            instant(data.path("created_time")),
            instant(data.path("updated_time")),
            data.path("current_version").isNumber()
                ? Optional.of(data.get("current_version").asText())
                : Optional.empty(),
            tags,
            Optional.empty()));
  }

  private static Optional<Instant> instant(JsonNode text) {
    try {
      return text.isTextual() ? Optional.of(Instant.parse(text.asText())) : Optional.empty();
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public StoreHealth health() {
    try {
      HttpResponse<String> response =
          http.send(
              request("sys/health").GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode body = read(response);
      if (response.statusCode() == 200 && !body.path("sealed").asBoolean(true)) {
        return StoreHealth.up(name, "Vault at " + address + " is unsealed");
      }
      return StoreHealth.down(name, "Vault at " + address + " answered " + response.statusCode());
    } catch (IOException e) {
      return StoreHealth.down(name, "Vault at " + address + " is not reachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return StoreHealth.down(name, "interrupted while asking Vault");
    }
  }

  /** Lists folder {@code folder} (a prefix ending in "/" or empty) recursively into {@code out}. */
  private void collect(String folder, List<String> out) {
    HttpResponse<String> response =
        send("GET", mount + "/metadata/" + folder + "?list=true", null, folder);
    if (response.statusCode() == 404) {
      return;
    }
    if (response.statusCode() != 200) {
      throw new SecretStoreException(
          "listing the secrets of store '" + name + "' failed: " + describe(response));
    }
    for (JsonNode key : read(response).path("data").path("keys")) {
      String child = folder + key.asText();
      if (child.endsWith("/")) {
        collect(child, out);
      } else {
        out.add(child);
      }
    }
  }

  private String path(String secretName) {
    return prefix + SecretNames.requireValid(secretName);
  }

  private HttpResponse<String> send(String method, String path, String body, String secretName) {
    try {
      HttpResponse<String> response = sendOnce(method, path, body);
      if (response.statusCode() == 403 && auth instanceof VaultAuth.AppRole) {
        token = null; // the login may have expired: log in again once
        response = sendOnce(method, path, body);
      }
      return response;
    } catch (IOException e) {
      throw new SecretStoreException(
          "store '"
              + name
              + "' (Vault at "
              + address
              + ") is not reachable for '"
              + secretName
              + "': "
              + e.getClass().getSimpleName(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecretStoreException("interrupted while asking store '" + name + "'", e);
    }
  }

  private HttpResponse<String> sendOnce(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request("v1/" + path).header("X-Vault-Token", token().reveal());
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    String full = path.startsWith("v1/") ? path : "v1/" + path;
    HttpRequest.Builder builder = HttpRequest.newBuilder(address.resolve(full)).timeout(TIMEOUT);
    namespace.ifPresent(ns -> builder.header("X-Vault-Namespace", ns));
    return builder;
  }

  private SecretValue token() throws IOException, InterruptedException {
    SecretValue known = token;
    if (known != null) {
      return known;
    }
    known =
        switch (auth) {
          case VaultAuth.Token t -> t.token();
          case VaultAuth.AppRole role -> login(role);
        };
    token = known;
    return known;
  }

  private SecretValue login(VaultAuth.AppRole role) throws IOException, InterruptedException {
    ObjectNode body =
        JSON.createObjectNode()
            .put("role_id", role.roleId())
            .put("secret_id", role.secretId().reveal());
    HttpResponse<String> response =
        http.send(
            request("auth/" + trimSlashes(role.mount()) + "/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode clientToken = read(response).path("auth").path("client_token");
    if (response.statusCode() != 200 || !clientToken.isTextual()) {
      throw new SecretStoreException(
          "AppRole login of store '"
              + name
              + "' with role id "
              + role.roleId()
              + " failed: "
              + describe(response));
    }
    return SecretValue.of(clientToken.asText());
  }

  private void requireOk(HttpResponse<String> response, String action, String secretName) {
    int status = response.statusCode();
    if (status != 200 && status != 204) {
      throw new SecretStoreException(
          action
              + " secret '"
              + secretName
              + "' in store '"
              + name
              + "' failed: "
              + describe(response));
    }
  }

  /** Vault's status and {@code errors} strings (they name paths and policies, not values). */
  private static String describe(HttpResponse<String> response) {
    JsonNode errors = read(response).path("errors");
    List<String> messages = new ArrayList<>();
    errors.forEach(e -> messages.add(e.asText()));
    return "HTTP " + response.statusCode() + (messages.isEmpty() ? "" : " " + messages);
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      String body = response.body();
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static boolean isValidName(String candidate) {
    try {
      SecretNames.requireValid(candidate);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String trimSlashes(String text) {
    String out = text;
    while (out.startsWith("/")) {
      out = out.substring(1);
    }
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
