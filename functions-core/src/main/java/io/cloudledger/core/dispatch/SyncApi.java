package io.cloudledger.core.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP trigger's logic, independent of the platform: {@code POST /sync} with an optional {@code
 * {"accounts": [...], "kinds": [...]}} fans out and answers {@code 202 {"requestId"}}; {@code GET
 * /sync/{requestId}} answers the status per account. Bad bodies and unknown accounts are {@code
 * 400}, unknown ids and paths {@code 404}, other methods {@code 405}, a queue that cannot take the
 * requests {@code 503}. Every body is JSON; errors never echo secrets.
 *
 * <p>{@code {"resource": "...", "account": "..."}} instead re-syncs the one scope holding that
 * resource (see {@link ResourceTargets} for the forms accepted), when the API is built {@link
 * #withTargets with targets}.
 */
public final class SyncApi {
  private static final Logger LOG = LoggerFactory.getLogger(SyncApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STATUS_PATH = Pattern.compile("/sync/([A-Za-z0-9._:+-]{1,128})");

  /** The trigger recorded for requests made through this API. */
  public static final String TRIGGER = "manual";

  private final FanOut fanOut;
  private final SyncStatusQuery status;
  private final Clock clock;
  private final Supplier<String> requestIds;
  private final java.util.Optional<AccountsStatus> accountsStatus;
  private final Optional<ResourceTargets> targets;

  public SyncApi(FanOut fanOut, SyncStatusQuery status, Clock clock, Supplier<String> requestIds) {
    this(fanOut, status, clock, requestIds, java.util.Optional.empty(), Optional.empty());
  }

  /** An API that also answers {@code GET /accounts} with each account's freshness. */
  public SyncApi(
      FanOut fanOut,
      SyncStatusQuery status,
      Clock clock,
      Supplier<String> requestIds,
      AccountsStatus accountsStatus) {
    this(
        fanOut, status, clock, requestIds, java.util.Optional.of(accountsStatus), Optional.empty());
  }

  private SyncApi(
      FanOut fanOut,
      SyncStatusQuery status,
      Clock clock,
      Supplier<String> requestIds,
      java.util.Optional<AccountsStatus> accountsStatus,
      Optional<ResourceTargets> targets) {
    this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
    this.status = Objects.requireNonNull(status, "status");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
    this.accountsStatus = accountsStatus;
    this.targets = targets;
  }

  /** This API, also accepting {@code {"resource": ...}} for a targeted re-sync. */
  public SyncApi withTargets(ResourceTargets resourceTargets) {
    return new SyncApi(
        fanOut,
        status,
        clock,
        requestIds,
        accountsStatus,
        Optional.of(Objects.requireNonNull(resourceTargets, "resourceTargets")));
  }

  /** Answers one call; {@code body} may be null or empty. */
  public ApiResponse handle(String method, String path, String body) {
    String route = path == null ? "" : stripTrailingSlash(path);
    String verb = method == null ? "" : method.toUpperCase(java.util.Locale.ROOT);
    if (route.equals("/sync")) {
      return verb.equals("POST") ? post(body) : methodNotAllowed(verb, "POST");
    }
    if (route.equals("/accounts") && accountsStatus.isPresent()) {
      return verb.equals("GET")
          ? new ApiResponse(200, accountsStatus.get().json())
          : methodNotAllowed(verb, "GET");
    }
    var matcher = STATUS_PATH.matcher(route);
    if (matcher.matches()) {
      return verb.equals("GET") ? get(matcher.group(1)) : methodNotAllowed(verb, "GET");
    }
    return error(404, "not-found", "no such resource: " + route);
  }

  private ApiResponse post(String body) {
    SyncCall call;
    try {
      call = parse(body);
    } catch (BadRequest e) {
      return error(400, "bad-request", e.getMessage());
    }
    try {
      if (call.resource().isPresent()) {
        return targeted(call);
      }
      AcceptedRequest accepted =
          fanOut.requested(
              requestIds.get(), call.accounts(), call.kinds(), TRIGGER, clock.instant());
      ObjectNode answer = JSON.createObjectNode();
      answer.put("requestId", accepted.requestId());
      answer.put("accounts", accepted.accounts().size());
      return new ApiResponse(202, answer.toString());
    } catch (InvalidTargetException e) {
      return error(400, e.reason(), e.getMessage());
    } catch (UnknownAccountsException e) {
      return error(400, "unknown-account", e.getMessage());
    } catch (RetryableException e) {
      LOG.warn("could not dispatch a sync request: {}", e.getMessage());
      return error(503, e.reason(), "the sync could not be queued now; try again");
    }
  }

  private ApiResponse targeted(SyncCall call) {
    if (targets.isEmpty()) {
      return error(
          400, "bad-request", "this deployment does not offer targeted re-syncs of one resource");
    }
    ResourceTarget target = targets.get().resolve(call.resource().get(), call.account());
    AcceptedRequest accepted = fanOut.targeted(requestIds.get(), target, TRIGGER, clock.instant());
    ObjectNode answer = JSON.createObjectNode();
    answer.put("requestId", accepted.requestId());
    answer.put("accounts", 1);
    answer.put("account", target.account().value());
    answer.put("resourceKey", target.resource().value());
    answer.put("scope", target.scope().key());
    return new ApiResponse(202, answer.toString());
  }

  private ApiResponse get(String requestId) {
    Optional<SyncStatusQuery.RequestStatus> found = status.status(requestId);
    if (found.isEmpty()) {
      return error(404, "unknown-request", "no sync request with id " + requestId);
    }
    AcceptedRequest request = found.get().request();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("requestId", request.requestId());
    answer.put("trigger", request.trigger());
    answer.put("requestedAt", request.requestedAt().toString());
    ArrayNode kinds = answer.putArray("kinds");
    request.kinds().forEach(k -> kinds.add(k.key()));
    ArrayNode accounts = answer.putArray("accounts");
    for (AccountSyncStatus account : found.get().accounts()) {
      ObjectNode node = accounts.addObject();
      node.put("accountKey", account.accountKey().value());
      node.put("status", account.status());
      node.put("seen", account.seen());
      node.put("writes", account.writes());
      if (!account.error().isEmpty()) {
        node.put("error", account.error());
      }
    }
    return new ApiResponse(200, answer.toString());
  }

  private record SyncCall(
      List<AccountKey> accounts,
      Set<SyncKind> kinds,
      Optional<String> resource,
      Optional<AccountKey> account) {}

  private static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message);
    }
  }

  private static SyncCall parse(String body) throws BadRequest {
    if (body == null || body.isBlank()) {
      return new SyncCall(
          List.of(), EnumSet.of(SyncKind.INVENTORY), Optional.empty(), Optional.empty());
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest("the body is not JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new BadRequest(
            "unknown field '" + name + "', expected accounts, kinds, resource or account");
      }
    }
    Optional<String> resource = optionalString(tree, "resource");
    Optional<String> account = optionalString(tree, "account");
    if (resource.isPresent() && tree.hasNonNull("accounts")) {
      throw new BadRequest(
          "give either 'resource' (one resource's scope) or 'accounts' (whole accounts), not both");
    }
    if (account.isPresent() && resource.isEmpty()) {
      throw new BadRequest(
          "'account' only goes with 'resource'; to sync whole accounts use \"accounts\": [...]");
    }
    if (resource.isPresent() && resource.get().isBlank()) {
      throw new BadRequest("'resource' must not be blank");
    }
    List<AccountKey> accounts = new ArrayList<>();
    for (String value : strings(tree, "accounts")) {
      try {
        accounts.add(AccountKey.parse(value.strip()));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("invalid account: " + e.getMessage());
      }
    }
    Set<SyncKind> kinds = EnumSet.noneOf(SyncKind.class);
    for (String value : strings(tree, "kinds")) {
      try {
        kinds.add(SyncKind.fromKey(value));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(e.getMessage());
      }
    }
    if (resource.isPresent() && !kinds.isEmpty() && !kinds.equals(EnumSet.of(SyncKind.INVENTORY))) {
      throw new BadRequest("a resource re-sync is of kind inventory only, got " + kinds);
    }
    Optional<AccountKey> owner = Optional.empty();
    if (account.isPresent()) {
      try {
        owner = Optional.of(AccountKey.parse(account.get().strip()));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("invalid account: " + e.getMessage());
      }
    }
    return new SyncCall(
        accounts, kinds.isEmpty() ? EnumSet.of(SyncKind.INVENTORY) : kinds, resource, owner);
  }

  private static final Set<String> FIELDS = Set.of("accounts", "kinds", "resource", "account");

  private static Optional<String> optionalString(JsonNode tree, String field) throws BadRequest {
    JsonNode node = tree.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new BadRequest("'" + field + "' must be a string");
    }
    return Optional.of(node.asText());
  }

  private static List<String> strings(JsonNode tree, String field) throws BadRequest {
    JsonNode node = tree.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new BadRequest("'" + field + "' must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new BadRequest("'" + field + "' must be an array of strings");
      }
      values.add(element.asText());
    }
    return values;
  }

  private static ApiResponse methodNotAllowed(String method, String allowed) {
    return error(405, "method-not-allowed", method + " is not allowed here; use " + allowed);
  }

  /** A JSON error body {@code {"error": code, "message": ...}}. */
  public static ApiResponse error(int status, String code, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("error", code);
    node.put("message", message);
    return new ApiResponse(status, node.toString());
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
