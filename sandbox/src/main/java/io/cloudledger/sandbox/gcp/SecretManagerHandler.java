package io.cloudledger.sandbox.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.gcp.SecretManagerSecrets.Secret;
import io.cloudledger.sandbox.gcp.SecretManagerSecrets.Settings;
import io.cloudledger.sandbox.gcp.SecretManagerSecrets.State;
import io.cloudledger.sandbox.gcp.SecretManagerSecrets.Version;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Secret Manager v1 REST ({@code https://secretmanager.googleapis.com/v1/...}) as the HTTP/JSON
 * transport of {@code google-cloud-secretmanager} sends it: secrets {@code create}, {@code get},
 * {@code list}, {@code patch}, {@code delete}, {@code addVersion}; versions {@code get}, {@code
 * list}, {@code access}, {@code enable}, {@code disable}, {@code destroy}. Names in responses carry
 * the project number, as Google's do; requests may name a project by id or number. Every call needs
 * a bearer token from the sandbox's token endpoint, counts under its permission name (e.g. {@code
 * secretmanager.versions.access}) and the project id, and obeys the fault plan.
 */
final class SecretManagerHandler {
  static final String PREFIX = "/v1/projects/";
  static final Pattern PATH =
      Pattern.compile(
          "/v1/projects/([^/:]+)/secrets(?:/([^/:]+)(?::(addVersion)|/versions(?:/([^/:]+)"
              + "(?::(access|disable|enable|destroy))?)?)?)?");
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 25_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Estate estate;
  private final GcpTokenEndpoint tokens;
  private final CallCounters counters;
  private final FaultInjector faults;
  private final SecretManagerSecrets secrets;
  // Replication policies are echoed as given (automatic or user-managed); nothing depends on them.
  private final Map<String, JsonNode> replications = new ConcurrentHashMap<>();

  SecretManagerHandler(
      Estate estate,
      GcpTokenEndpoint tokens,
      CallCounters counters,
      FaultInjector faults,
      Clock clock) {
    this.estate = estate;
    this.tokens = tokens;
    this.counters = counters;
    this.faults = faults;
    this.secrets = new SecretManagerSecrets(clock);
  }

  static boolean matches(String rawPath) {
    return rawPath.startsWith(PREFIX) && PATH.matcher(decode(rawPath)).matches();
  }

  /** The HTTP/JSON transport tunnels PATCH through POST with this header. */
  private static String method(SandboxRequest request) {
    return request
        .header("x-http-method-override")
        .filter(m -> request.method().equals("POST"))
        .orElse(request.method());
  }

  SandboxResponse handle(SandboxRequest request) {
    Matcher path = PATH.matcher(decode(request.path()));
    if (!path.matches()) {
      return GoogleApiErrors.notFound("The requested URL " + request.path() + " was not found.");
    }
    Call call = Call.of(method(request), path);
    if (call == null) {
      return GoogleApiErrors.error(
          405, "METHOD_NOT_ALLOWED", method(request) + " is not allowed on " + request.path());
    }
    String projectRef = path.group(1);
    Optional<String> principal =
        request
            .header("authorization")
            .filter(h -> h.startsWith("Bearer "))
            .flatMap(h -> tokens.principal(h.substring("Bearer ".length()).strip()));
    if (principal.isEmpty()) {
      counters.recordCall(call.permission, CallCounters.UNKNOWN_ACCOUNT);
      return GoogleApiErrors.unauthenticated();
    }
    Optional<GcpProject> project = project(projectRef);
    String resource =
        decode(request.path()).substring("/v1/".length()).replaceFirst(":[a-zA-Z]+$", "");
    if (project.isEmpty()) {
      counters.recordCall(call.permission, CallCounters.UNKNOWN_ACCOUNT);
      return GoogleApiErrors.permissionDenied(call.permission, resource);
    }
    String projectId = project.get().projectId();
    counters.recordCall(call.permission, projectId);
    FaultDecision fault = faults.decide(call.permission, projectId, "global", 1);
    sleep(fault.latencyMillis());
    if (fault.fails()) {
      counters.recordInjectedFault(call.permission, projectId);
      return switch (fault.failure()) {
        case THROTTLE -> GoogleApiErrors.quotaExceeded("secretmanager.googleapis.com");
        case DENY -> GoogleApiErrors.permissionDenied(call.permission, resource);
        default -> GoogleApiErrors.unavailable();
      };
    }
    boolean intEnums =
        request.queryParameters().getOrDefault("$alt", "").contains("enum-encoding=int");
    Target target =
        new Target(
            project.get().projectNumber(),
            Long.toString(project.get().projectNumber()),
            path.group(2),
            path.group(4),
            intEnums);
    try {
      return call.run(this, request, target);
    } catch (GoogleApiException e) {
      return e.response();
    }
  }

  private Optional<GcpProject> project(String ref) {
    return estate.gcp().projects().stream()
        .filter(p -> p.projectId().equals(ref) || Long.toString(p.projectNumber()).equals(ref))
        .findFirst();
  }

  /** The project (by number, as responses name it), secret and version a call addresses. */
  private record Target(
      long project, String projectName, String secret, String version, boolean intEnums) {
    String secretName() {
      return SecretManagerSecrets.secretName(projectName, secret);
    }

    String versionName(int number) {
      return secretName() + "/versions/" + number;
    }
  }

  /** The operations, by method and path shape, with the IAM permission each one needs. */
  private enum Call {
    CREATE("secretmanager.secrets.create", SecretManagerHandler::create),
    LIST("secretmanager.secrets.list", SecretManagerHandler::list),
    GET("secretmanager.secrets.get", SecretManagerHandler::get),
    PATCH("secretmanager.secrets.update", SecretManagerHandler::patch),
    DELETE("secretmanager.secrets.delete", SecretManagerHandler::delete),
    ADD_VERSION("secretmanager.versions.add", SecretManagerHandler::addVersion),
    LIST_VERSIONS("secretmanager.versions.list", SecretManagerHandler::listVersions),
    GET_VERSION("secretmanager.versions.get", SecretManagerHandler::getVersion),
    ACCESS("secretmanager.versions.access", SecretManagerHandler::access),
    ENABLE("secretmanager.versions.enable", (h, r, t) -> h.changeState(t, State.ENABLED)),
    DISABLE("secretmanager.versions.disable", (h, r, t) -> h.changeState(t, State.DISABLED)),
    DESTROY("secretmanager.versions.destroy", (h, r, t) -> h.changeState(t, State.DESTROYED));

    final String permission;
    private final Operation operation;

    Call(String permission, Operation operation) {
      this.permission = permission;
      this.operation = operation;
    }

    SandboxResponse run(SecretManagerHandler handler, SandboxRequest request, Target target) {
      return operation.run(handler, request, target);
    }

    static Call of(String method, Matcher path) {
      String secret = path.group(2);
      String addVersion = path.group(3);
      String version = path.group(4);
      String verb = path.group(5);
      boolean versions = path.group(0).contains("/versions");
      if (secret == null) {
        return switch (method) {
          case "GET" -> LIST;
          case "POST" -> CREATE;
          default -> null;
        };
      }
      if (addVersion != null) {
        return method.equals("POST") ? ADD_VERSION : null;
      }
      if (!versions) {
        return switch (method) {
          case "GET" -> GET;
          case "PATCH" -> PATCH;
          case "DELETE" -> DELETE;
          default -> null;
        };
      }
      if (version == null) {
        return method.equals("GET") ? LIST_VERSIONS : null;
      }
      if (verb == null) {
        return method.equals("GET") ? GET_VERSION : null;
      }
      return switch (verb) {
        case "access" -> method.equals("GET") ? ACCESS : null;
        case "enable" -> method.equals("POST") ? ENABLE : null;
        case "disable" -> method.equals("POST") ? DISABLE : null;
        default -> method.equals("POST") ? DESTROY : null;
      };
    }
  }

  @FunctionalInterface
  private interface Operation {
    SandboxResponse run(SecretManagerHandler handler, SandboxRequest request, Target target);
  }

  private SandboxResponse create(SandboxRequest request, Target target) {
    String secretId = request.queryParameters().getOrDefault("secretId", "");
    JsonNode body = body(request);
    if (body.path("replication").isMissingNode() || body.path("replication").isEmpty()) {
      throw new GoogleApiException(
          GoogleApiErrors.invalid("Secret.replication must be specified."));
    }
    Settings settings = settings(body);
    Secret secret = secrets.create(target.project(), target.projectName(), secretId, settings);
    replications.put(key(target.project(), secretId), body.get("replication").deepCopy());
    return json(secretJson(target.projectName(), secret));
  }

  private static String key(long project, String secretId) {
    return project + "/" + secretId;
  }

  private SandboxResponse get(SandboxRequest request, Target target) {
    return json(
        secretJson(
            target.projectName(),
            secrets.get(target.project(), target.projectName(), target.secret())));
  }

  private SandboxResponse list(SandboxRequest request, Target target) {
    Map<String, String> query = request.queryParameters();
    String filter = query.getOrDefault("filter", "").strip();
    Function<Secret, Boolean> accept = filter(filter);
    List<Secret> all = secrets.list(target.project()).stream().filter(accept::apply).toList();
    Page page = page(query, "secrets|" + target.project() + "|" + filter, all.size());
    ObjectNode out = NODES.objectNode();
    var items = out.putArray("secrets");
    all.subList(page.from(), page.to())
        .forEach(s -> items.add(secretJson(target.projectName(), s)));
    if (items.isEmpty()) {
      out.remove("secrets");
    }
    page.next().ifPresent(token -> out.put("nextPageToken", token));
    out.put("totalSize", all.size());
    return json(out);
  }

  private SandboxResponse patch(SandboxRequest request, Target target) {
    String mask = request.queryParameters().getOrDefault("updateMask", "");
    if (mask.isBlank()) {
      throw new GoogleApiException(GoogleApiErrors.invalid("update_mask must be specified."));
    }
    JsonNode body = body(request);
    Secret secret =
        secrets.patch(
            target.project(),
            target.projectName(),
            target.secret(),
            settings(body),
            aliases(body.path("versionAliases")),
            body.path("etag").asText(""),
            Arrays.stream(mask.split(",")).map(String::strip).toList());
    return json(secretJson(target.projectName(), secret));
  }

  private SandboxResponse delete(SandboxRequest request, Target target) {
    secrets.delete(
        target.project(),
        target.projectName(),
        target.secret(),
        request.queryParameters().getOrDefault("etag", ""));
    replications.remove(key(target.project(), target.secret()));
    return json(NODES.objectNode());
  }

  private SandboxResponse addVersion(SandboxRequest request, Target target) {
    JsonNode payload = body(request).path("payload");
    byte[] data;
    try {
      data = Base64.getDecoder().decode(payload.path("data").asText(""));
    } catch (IllegalArgumentException e) {
      throw new GoogleApiException(
          GoogleApiErrors.invalid("Invalid value at 'payload.data' (TYPE_BYTES): not base64."));
    }
    boolean checksummed = payload.hasNonNull("dataCrc32c");
    if (checksummed && payload.get("dataCrc32c").asLong() != crc32c(data)) {
      throw new GoogleApiException(
          GoogleApiErrors.invalid(
              "Checksum mismatch: the data_crc32c provided does not match the checksum of the"
                  + " payload data."));
    }
    Version version =
        secrets.addVersion(target.project(), target.projectName(), target.secret(), data);
    ObjectNode out = versionJson(target, version);
    out.put("clientSpecifiedPayloadChecksum", checksummed);
    return json(out);
  }

  private SandboxResponse getVersion(SandboxRequest request, Target target) {
    return json(versionJson(target, version(target)));
  }

  private SandboxResponse access(SandboxRequest request, Target target) {
    Version version = version(target);
    byte[] data = secrets.access(version, target.versionName(version.number));
    ObjectNode out = NODES.objectNode();
    out.put("name", target.versionName(version.number));
    ObjectNode payload = out.putObject("payload");
    payload.put("data", Base64.getEncoder().encodeToString(data));
    payload.put("dataCrc32c", Long.toString(crc32c(data)));
    return json(out);
  }

  private SandboxResponse listVersions(SandboxRequest request, Target target) {
    Map<String, String> query = request.queryParameters();
    List<Version> all = secrets.versions(target.project(), target.projectName(), target.secret());
    Page page = page(query, "versions|" + target.project() + "|" + target.secret(), all.size());
    ObjectNode out = NODES.objectNode();
    var items = out.putArray("versions");
    all.subList(page.from(), page.to()).forEach(v -> items.add(versionJson(target, v)));
    if (items.isEmpty()) {
      out.remove("versions");
    }
    page.next().ifPresent(token -> out.put("nextPageToken", token));
    out.put("totalSize", all.size());
    return json(out);
  }

  private SandboxResponse changeState(Target target, State state) {
    Version version = version(target);
    return json(
        versionJson(
            target, secrets.changeState(version, state, target.versionName(version.number))));
  }

  private Version version(Target target) {
    return secrets.version(
        target.project(), target.projectName(), target.secret(), target.version());
  }

  private ObjectNode secretJson(String projectName, Secret secret) {
    ObjectNode out = NODES.objectNode();
    Settings s = secret.settings;
    out.put("name", SecretManagerSecrets.secretName(projectName, secret.id));
    JsonNode replication = replications.get(key(Long.parseLong(projectName), secret.id));
    out.set(
        "replication",
        replication == null
            ? NODES.objectNode().set("automatic", NODES.objectNode())
            : replication);
    out.put("createTime", secret.createTime.toString());
    if (!s.labels().isEmpty()) {
      ObjectNode labels = out.putObject("labels");
      SecretManagerSecrets.ordered(s.labels()).forEach(labels::put);
    }
    if (!s.topics().isEmpty()) {
      var topics = out.putArray("topics");
      s.topics().forEach(t -> topics.addObject().put("name", t));
    }
    s.expireTime().ifPresent(t -> out.put("expireTime", t.toString()));
    out.put("etag", SecretManagerSecrets.etagText(secret.etag));
    if (s.nextRotationTime().isPresent() || s.rotationPeriod().isPresent()) {
      ObjectNode rotation = out.putObject("rotation");
      s.nextRotationTime().ifPresent(t -> rotation.put("nextRotationTime", t.toString()));
      s.rotationPeriod().ifPresent(p -> rotation.put("rotationPeriod", p.toSeconds() + "s"));
    }
    if (!s.annotations().isEmpty()) {
      ObjectNode annotations = out.putObject("annotations");
      SecretManagerSecrets.ordered(s.annotations()).forEach(annotations::put);
    }
    if (!secret.aliases.isEmpty()) {
      ObjectNode aliases = out.putObject("versionAliases");
      secret.aliases.forEach((alias, number) -> aliases.put(alias, Long.toString(number)));
    }
    return out;
  }

  private ObjectNode versionJson(Target target, Version version) {
    ObjectNode out = NODES.objectNode();
    out.put("name", target.versionName(version.number));
    out.put("createTime", version.createTime.toString());
    if (version.destroyTime != null) {
      out.put("destroyTime", version.destroyTime.toString());
    }
    if (target.intEnums()) {
      out.put("state", version.state.number);
    } else {
      out.put("state", version.state.name());
    }
    out.putObject("replicationStatus").putObject("automatic");
    out.put("etag", SecretManagerSecrets.etagText(version.etag));
    return out;
  }

  /** The settable fields of a Secret body; {@code ttl} becomes an {@code expireTime}. */
  private Settings settings(JsonNode body) {
    Map<String, String> labels = strings(body.path("labels"));
    Map<String, String> annotations = strings(body.path("annotations"));
    List<String> topics = new ArrayList<>();
    body.path("topics").forEach(t -> topics.add(t.path("name").asText()));
    Optional<Instant> expireTime = timestamp(body, "expireTime");
    if (body.hasNonNull("ttl")) {
      if (expireTime.isPresent()) {
        throw new GoogleApiException(
            GoogleApiErrors.invalid("Only one of expire_time and ttl may be set."));
      }
      expireTime = Optional.of(secrets.now().plus(duration(body.get("ttl").asText(), "ttl")));
    }
    JsonNode rotation = body.path("rotation");
    Optional<Instant> next = timestamp(rotation, "nextRotationTime");
    Optional<Duration> period =
        rotation.hasNonNull("rotationPeriod")
            ? Optional.of(duration(rotation.get("rotationPeriod").asText(), "rotation_period"))
            : Optional.empty();
    return new Settings(labels, annotations, List.copyOf(topics), expireTime, next, period);
  }

  /** {@code versionAliases}: alias to version number (an int64, so JSON may quote it). */
  private static Map<String, Long> aliases(JsonNode object) {
    Map<String, Long> out = new LinkedHashMap<>();
    object
        .properties()
        .forEach(
            e -> {
              try {
                out.put(e.getKey(), Long.parseLong(e.getValue().asText()));
              } catch (NumberFormatException bad) {
                throw new GoogleApiException(
                    GoogleApiErrors.invalid(
                        "Invalid value at 'secret.version_aliases["
                            + e.getKey()
                            + "]' (TYPE_INT64)"));
              }
            });
    return out;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Optional<Instant> timestamp(JsonNode node, String field) {
    if (!node.hasNonNull(field)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(node.get(field).asText()));
    } catch (DateTimeParseException e) {
      throw new GoogleApiException(
          GoogleApiErrors.invalid(
              "Invalid value at '" + field + "' (type.googleapis.com/google.protobuf.Timestamp)"));
    }
  }

  private static Duration duration(String text, String field) {
    try {
      if (!text.endsWith("s")) {
        throw new NumberFormatException(text);
      }
      BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
      return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new GoogleApiException(
          GoogleApiErrors.invalid(
              "Invalid value at '" + field + "' (type.googleapis.com/google.protobuf.Duration)"));
    }
  }

  /** {@code name:TEXT} (the secret id contains TEXT) or {@code labels.KEY=VALUE}; blank = all. */
  private static Function<Secret, Boolean> filter(String filter) {
    if (filter.isEmpty()) {
      return s -> true;
    }
    if (filter.startsWith("name:")) {
      String text = filter.substring("name:".length()).strip();
      return s -> s.id.contains(text);
    }
    Matcher label = Pattern.compile("labels\\.([^=:]+)=(.*)").matcher(filter);
    if (label.matches()) {
      return s -> label.group(2).equals(s.settings.labels().get(label.group(1)));
    }
    throw new GoogleApiException(
        GoogleApiErrors.invalid(
            "Invalid filter '" + filter + "': the sandbox supports name:TEXT and labels.K=V"));
  }

  private record Page(int from, int to, Optional<String> next) {}

  private static Page page(Map<String, String> query, String scope, int total) {
    int size;
    try {
      size = Integer.parseInt(query.getOrDefault("pageSize", "0"));
    } catch (NumberFormatException e) {
      throw new GoogleApiException(GoogleApiErrors.invalid("Invalid value at 'page_size'"));
    }
    if (size < 0) {
      throw new GoogleApiException(GoogleApiErrors.invalid("page_size must not be negative."));
    }
    int limit = size == 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
    String token = query.getOrDefault("pageToken", "");
    int from = 0;
    if (!token.isEmpty()) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("#");
        if (parts.length != 2 || !parts[0].equals(scope)) {
          throw new IllegalArgumentException("other scope");
        }
        from = Integer.parseInt(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new GoogleApiException(GoogleApiErrors.invalid("Invalid page token."));
      }
    }
    from = Math.min(from, total);
    int to = Math.min(total, from + limit);
    Optional<String> next =
        to < total
            ? Optional.of(
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((scope + "#" + to).getBytes(StandardCharsets.UTF_8)))
            : Optional.empty();
    return new Page(from, to, next);
  }

  private static JsonNode body(SandboxRequest request) {
    if (request.body().length == 0) {
      return NODES.objectNode();
    }
    try {
      return GcpErrors.JSON.readTree(request.body());
    } catch (IOException e) {
      throw new GoogleApiException(
          GoogleApiErrors.invalid(
              "Invalid JSON payload received: " + e.getClass().getSimpleName()));
    }
  }

  static long crc32c(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return crc.getValue();
  }

  private static SandboxResponse json(JsonNode body) {
    return GcpErrors.json(200, body);
  }

  private static String decode(String rawPath) {
    return rawPath.replace("%3A", ":").replace("%3a", ":");
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
