package io.cloudledger.sandbox.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM v1 service-account keys ({@code https://iam.googleapis.com/v1/...}): {@code keys.create}
 * (answers {@code privateKeyData}, the base64 of a key file whose {@code token_uri} is this
 * sandbox's token endpoint), {@code keys.list}, {@code keys.get}, {@code keys.delete}. The only
 * service account is the sandbox's; a project is named by id, number or {@code -}. At most 10 keys
 * per account, as on Google. Calls count and take faults under their permission name ({@code
 * iam.serviceAccountKeys.create}) and the project id ({@code -} counts as the home project).
 */
final class IamKeysHandler {
  static final Pattern PATH =
      Pattern.compile("/v1/projects/([^/]+)/serviceAccounts/([^/]+)/keys(?:/([^/:]+))?");
  private static final int MAX_KEYS = 10;
  private static final String NEVER = "9999-12-31T23:59:59Z";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Estate estate;
  private final GcpTokenEndpoint tokens;
  private final GcpServiceAccountKeys keys;
  private final CallCounters counters;
  private final FaultInjector faults;

  IamKeysHandler(
      Estate estate,
      GcpTokenEndpoint tokens,
      GcpServiceAccountKeys keys,
      CallCounters counters,
      FaultInjector faults) {
    this.estate = estate;
    this.tokens = tokens;
    this.keys = keys;
    this.counters = counters;
    this.faults = faults;
  }

  static boolean matches(String rawPath) {
    return PATH.matcher(decode(rawPath)).matches();
  }

  SandboxResponse handle(SandboxRequest request) {
    Matcher path = PATH.matcher(decode(request.path()));
    if (!path.matches()) {
      return GoogleApiErrors.notFound("The requested URL " + request.path() + " was not found.");
    }
    String keyId = path.group(3);
    String permission =
        switch (request.method()) {
          case "POST" -> keyId == null ? "iam.serviceAccountKeys.create" : null;
          case "GET" ->
              keyId == null ? "iam.serviceAccountKeys.list" : "iam.serviceAccountKeys.get";
          case "DELETE" -> keyId == null ? null : "iam.serviceAccountKeys.delete";
          default -> null;
        };
    if (permission == null) {
      return GoogleApiErrors.error(
          405, "METHOD_NOT_ALLOWED", request.method() + " is not allowed on " + request.path());
    }
    Optional<String> principal =
        request
            .header("authorization")
            .filter(h -> h.startsWith("Bearer "))
            .flatMap(h -> tokens.principal(h.substring("Bearer ".length()).strip()));
    if (principal.isEmpty()) {
      counters.recordCall(permission, CallCounters.UNKNOWN_ACCOUNT);
      return GoogleApiErrors.unauthenticated();
    }
    String resource = decode(request.path()).substring("/v1/".length());
    Optional<GcpProject> project = project(path.group(1));
    if (project.isEmpty()) {
      counters.recordCall(permission, CallCounters.UNKNOWN_ACCOUNT);
      return GoogleApiErrors.permissionDenied(permission, resource);
    }
    String projectId = project.get().projectId();
    counters.recordCall(permission, projectId);
    FaultDecision fault = faults.decide(permission, projectId, "global", 1);
    if (fault.latencyMillis() > 0) {
      try {
        Thread.sleep(fault.latencyMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (fault.fails()) {
      counters.recordInjectedFault(permission, projectId);
      return switch (fault.failure()) {
        case THROTTLE -> GoogleApiErrors.quotaExceeded("iam.googleapis.com");
        case DENY -> GoogleApiErrors.permissionDenied(permission, resource);
        default -> GoogleApiErrors.unavailable();
      };
    }
    String email = path.group(2);
    if (!email.equals(keys.account().email())) {
      return GoogleApiErrors.notFound("Unknown service account");
    }
    String accountName = "projects/" + projectId + "/serviceAccounts/" + email;
    if (keyId == null && request.method().equals("GET")) {
      ObjectNode out = NODES.objectNode();
      var list = out.putArray("keys");
      keys.live().forEach(k -> list.add(keyJson(accountName, k)));
      return GcpErrors.json(200, out);
    }
    if (keyId == null) {
      return create(request, projectId, accountName);
    }
    Optional<GcpServiceAccountKeys.Key> key = keys.key(keyId).filter(k -> !k.deleted);
    if (key.isEmpty()) {
      return GoogleApiErrors.notFound(
          "Service account key " + accountName + "/keys/" + keyId + " does not exist.");
    }
    if (request.method().equals("GET")) {
      return GcpErrors.json(200, keyJson(accountName, key.get()));
    }
    keys.delete(keyId);
    return GcpErrors.json(200, NODES.objectNode());
  }

  private SandboxResponse create(SandboxRequest request, String projectId, String accountName) {
    JsonNode body;
    try {
      body =
          request.body().length == 0 ? NODES.objectNode() : GcpErrors.JSON.readTree(request.body());
    } catch (IOException e) {
      return GoogleApiErrors.invalid("Invalid JSON payload received.");
    }
    String type = body.path("privateKeyType").asText("TYPE_GOOGLE_CREDENTIALS_FILE");
    if (!type.equals("TYPE_GOOGLE_CREDENTIALS_FILE")) {
      return GoogleApiErrors.invalid(
          "The sandbox issues only TYPE_GOOGLE_CREDENTIALS_FILE keys, not " + type + ".");
    }
    if (keys.live().size() >= MAX_KEYS) {
      return GoogleApiErrors.failedPrecondition("Precondition check failed.");
    }
    String host = request.header("host").orElse("127.0.0.1");
    Map.Entry<GcpServiceAccountKeys.Key, String> created =
        keys.create(projectId, "http://" + host + GcpRoute.TOKEN_PATH);
    ObjectNode out = keyJson(accountName, created.getKey());
    out.put("privateKeyType", type);
    out.put(
        "privateKeyData",
        Base64.getEncoder().encodeToString(created.getValue().getBytes(StandardCharsets.UTF_8)));
    return GcpErrors.json(200, out);
  }

  private static ObjectNode keyJson(String accountName, GcpServiceAccountKeys.Key key) {
    ObjectNode out = NODES.objectNode();
    out.put("name", accountName + "/keys/" + key.id);
    out.put("validAfterTime", key.created.toString());
    out.put("validBeforeTime", NEVER);
    out.put("keyAlgorithm", "KEY_ALG_RSA_2048");
    out.put("keyOrigin", "GOOGLE_PROVIDED");
    out.put("keyType", "USER_MANAGED");
    return out;
  }

  private Optional<GcpProject> project(String ref) {
    if (ref.equals("-")) {
      return estate.gcp().projects().stream().findFirst();
    }
    return estate.gcp().projects().stream()
        .filter(p -> p.projectId().equals(ref) || Long.toString(p.projectNumber()).equals(ref))
        .findFirst();
  }

  private static String decode(String rawPath) {
    return rawPath.replace("%40", "@").replace("%3A", ":").replace("%3a", ":");
  }
}
