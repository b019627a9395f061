package io.cloudledger.sandbox.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.AzurePrincipal;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.AzureEstate;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure on the sandbox's base URL: the Azure AD token endpoint ({@code POST
 * /{tenant}/oauth2/v2.0/token}, client credentials) and ARM's list operations under {@code
 * /subscriptions}, with {@code nextLink} paging, bearer tokens, ARM error bodies and the fault plan
 * (operation names as in Azure's REST specs, account = subscription id). Requests signed with SigV4
 * are AWS's and never match here.
 */
public final class AzureRoute implements Route {
  /** Operation names, as the fault plan and the call counters know them. */
  public static final String SUBSCRIPTIONS_LIST = "Subscriptions_List";

  /** The fault/counter name of a management group's descendants (counted under the group id). */
  public static final String MANAGEMENT_GROUPS_DESCENDANTS = "ManagementGroups_GetDescendants";

  private static final String MG_PREFIX = "/providers/Microsoft.Management/managementGroups/";
  private static final Pattern DESCENDANTS_PATH =
      Pattern.compile(
          "/providers/Microsoft\\.Management/managementGroups/([^/]+)/descendants",
          Pattern.CASE_INSENSITIVE);

  public static final String VIRTUAL_MACHINES_LIST_ALL = "VirtualMachines_ListAll";
  public static final String STORAGE_ACCOUNTS_LIST = "StorageAccounts_List";
  public static final String VIRTUAL_NETWORKS_LIST_ALL = "VirtualNetworks_ListAll";
  public static final String TOKEN = "OAuth2_Token";
  public static final String QUERY_USAGE = CostManagementHandler.OPERATION;

  private static final Pattern TOKEN_PATH =
      Pattern.compile("/([A-Za-z0-9.-]+)/oauth2/v2\\.0/token");
  private static final Pattern DISCOVERY_PATH =
      Pattern.compile("/([A-Za-z0-9.-]+)/v2\\.0/\\.well-known/openid-configuration");
  private static final Pattern LIST_PATH =
      Pattern.compile("/subscriptions/([^/]+)/providers/([^/]+)/([^/]+)", Pattern.CASE_INSENSITIVE);

  /** One ARM list operation: its provider path, accepted api-versions and item renderer. */
  private record ListOperation(
      String name, Set<String> apiVersions, Function<AzureSubscription, List<ObjectNode>> items) {}

  private final AzureEstate estate;
  private final AzurePrincipal principal;
  private final AzureSandboxOptions options;
  private final CallCounters counters;
  private final FaultInjector faults;
  private final AzureDirectory directory;
  private final Map<String, ListOperation> operations;
  private final CostManagementHandler costManagement;

  public AzureRoute(
      AzureEstate estate,
      AzurePrincipal principal,
      AzureSandboxOptions options,
      CallCounters counters,
      FaultInjector faults) {
    this.estate = estate;
    this.principal = principal;
    this.options = options;
    this.counters = counters;
    this.faults = faults;
    this.directory = new AzureDirectory(principal, java.time.Clock.systemUTC());
    this.costManagement =
        new CostManagementHandler(estate, options, counters, faults, java.time.Clock.systemUTC());
    // The api-versions the pinned SDK managers send, plus the ones of the published examples.
    this.operations =
        Map.of(
            "microsoft.compute/virtualmachines",
            new ListOperation(
                VIRTUAL_MACHINES_LIST_ALL,
                ArmApiVersions.COMPUTE,
                s -> s.vms().stream().map(ArmResources::vm).toList()),
            "microsoft.storage/storageaccounts",
            new ListOperation(
                STORAGE_ACCOUNTS_LIST,
                ArmApiVersions.STORAGE,
                s -> s.storageAccounts().stream().map(ArmResources::storageAccount).toList()),
            "microsoft.network/virtualnetworks",
            new ListOperation(
                VIRTUAL_NETWORKS_LIST_ALL,
                ArmApiVersions.NETWORK,
                s -> s.virtualNetworks().stream().map(ArmResources::virtualNetwork).toList()));
  }

  @Override
  public boolean matches(SandboxRequest request) {
    if (request.header("authorization").map(a -> a.startsWith("AWS4-")).orElse(false)) {
      return false;
    }
    String path = request.path();
    return path.equals("/subscriptions")
        || path.startsWith("/subscriptions/")
        || DESCENDANTS_PATH.matcher(path).matches()
        || TOKEN_PATH.matcher(path).matches()
        || DISCOVERY_PATH.matcher(path).matches();
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    String path = request.path();
    Matcher token = TOKEN_PATH.matcher(path);
    if (token.matches()) {
      return token(request, token.group(1));
    }
    Matcher discovery = DISCOVERY_PATH.matcher(path);
    if (discovery.matches()) {
      return discovery(request, discovery.group(1));
    }
    Matcher descendants = DESCENDANTS_PATH.matcher(path);
    if (descendants.matches()) {
      return descendants(request, descendants.group(1));
    }
    return arm(request);
  }

  /**
   * {@code ManagementGroups_GetDescendants}: the groups and subscriptions below a group, paged by
   * the page size with {@code $skiptoken}. The tenant root group's id is the tenant id.
   */
  private SandboxResponse descendants(SandboxRequest request, String groupId) {
    counters.recordCall(MANAGEMENT_GROUPS_DESCENDANTS, groupId);
    if (caller(request).isEmpty()) {
      return ArmError.of(
          401, "InvalidAuthenticationToken", "The access token is invalid or missing.");
    }
    int offset = skipToken(request.queryParameters().get("$skiptoken"));
    FaultDecision decision =
        faults.decide(
            MANAGEMENT_GROUPS_DESCENDANTS, groupId, "global", offset / options.pageSize() + 1);
    sleep(decision.latencyMillis());
    if (decision.fails()) {
      counters.recordInjectedFault(MANAGEMENT_GROUPS_DESCENDANTS, groupId);
      return injected(decision, MANAGEMENT_GROUPS_DESCENDANTS, groupId, principal.clientId());
    }
    String root = estate.tenantId();
    List<ObjectNode> items = new java.util.ArrayList<>();
    boolean isRoot = groupId.equalsIgnoreCase(root);
    if (!isRoot && !io.cloudledger.sandbox.estate.AzureEstate.MANAGEMENT_GROUPS.contains(groupId)) {
      return ArmError.of(
          404, "NotFound", "The management group '" + groupId + "' could not be found.");
    }
    if (isRoot) {
      for (String group : io.cloudledger.sandbox.estate.AzureEstate.MANAGEMENT_GROUPS) {
        items.add(
            descendant(
                "Microsoft.Management/managementGroups", MG_PREFIX + group, group, group, root));
      }
    }
    for (AzureSubscription subscription : estate.subscriptions()) {
      String parent = estate.managementGroupOf(subscription);
      if (isRoot || parent.equals(groupId)) {
        items.add(
            descendant(
                "Microsoft.Management/managementGroups/subscriptions",
                subscription.id(),
                subscription.subscriptionId(),
                subscription.displayName(),
                parent));
      }
    }
    ObjectNode body = ArmResources.JSON.createObjectNode();
    ArrayNode value = body.putArray("value");
    int end = Math.min(items.size(), offset + options.pageSize());
    for (int i = offset; i < end; i++) {
      value.add(items.get(i));
    }
    if (end < items.size()) {
      body.put("nextLink", nextLink(request, request.queryParameters(), end));
    } else {
      body.putNull("nextLink");
    }
    return json(200, body, readHeaders());
  }

  private static ObjectNode descendant(
      String type, String id, String name, String displayName, String parentGroup) {
    ObjectNode node = ArmResources.JSON.createObjectNode();
    node.put("id", id);
    node.put("type", type);
    node.put("name", name);
    ObjectNode properties = node.putObject("properties");
    properties.put("displayName", displayName);
    properties.putObject("parent").put("id", MG_PREFIX + parentGroup);
    return node;
  }

  private SandboxResponse token(SandboxRequest request, String tenant) {
    counters.recordCall(TOKEN, tenant);
    if (!request.method().equals("POST")) {
      return ArmError.oauth(
          405, "invalid_request", "AADSTS900561: The endpoint only accepts POST.");
    }
    Map<String, String> form = SandboxRequest.decodeForm(request.bodyText());
    if (!tenant.equals(principal.tenantId())) {
      return ArmError.oauth(
          400,
          "invalid_tenant",
          "AADSTS90002: Tenant '"
              + tenant
              + "' not found. Check to make sure you have the"
              + " correct tenant ID.");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return ArmError.oauth(
          400,
          "unsupported_grant_type",
          "AADSTS70003: The app requested an unsupported grant type '"
              + form.getOrDefault("grant_type", "")
              + "'.");
    }
    String clientId = form.getOrDefault("client_id", "");
    if (directory.applicationByAppId(clientId).isEmpty()) {
      return ArmError.oauth(
          400,
          "unauthorized_client",
          "AADSTS700016: Application with identifier '"
              + form.getOrDefault("client_id", "")
              + "' was not found in the directory '"
              + tenant
              + "'.");
    }
    if (!directory.acceptsSecret(clientId, form.get("client_secret"))) {
      // Never echo the secret that was sent.
      return ArmError.oauth(
          401,
          "invalid_client",
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the"
              + " request is the client secret value, not the client secret ID, for a secret"
              + " added to app '"
              + clientId
              + "'.");
    }
    ObjectNode body = ArmResources.JSON.createObjectNode();
    body.put("token_type", "Bearer");
    body.put("expires_in", 3599);
    body.put("ext_expires_in", 3599);
    body.put("access_token", directory.issueToken(clientId, audience(form.get("scope"))));
    return json(200, body, Map.of());
  }

  private SandboxResponse discovery(SandboxRequest request, String tenant) {
    String base = "https://" + request.header("host").orElse("127.0.0.1") + "/" + tenant;
    ObjectNode body = ArmResources.JSON.createObjectNode();
    body.put("token_endpoint", base + "/oauth2/v2.0/token");
    body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
    body.put("issuer", base + "/v2.0");
    body.putArray("token_endpoint_auth_methods_supported")
        .add("client_secret_post")
        .add("private_key_jwt")
        .add("client_secret_basic");
    body.put("tenant_region_scope", "NA");
    return json(200, body, Map.of());
  }

  private SandboxResponse arm(SandboxRequest request) {
    String path = request.path();
    boolean subscriptionsList = path.equals("/subscriptions") || path.equals("/subscriptions/");
    Matcher list = LIST_PATH.matcher(path);
    ListOperation operation =
        list.matches()
            ? operations.get((list.group(2) + "/" + list.group(3)).toLowerCase(Locale.ROOT))
            : null;
    String operationName =
        subscriptionsList ? SUBSCRIPTIONS_LIST : operation == null ? "" : operation.name();
    Optional<String> caller = caller(request);
    if (caller.isEmpty()) {
      counters.recordCall(
          operationName.isEmpty() ? "ARM" : operationName, CallCounters.UNKNOWN_ACCOUNT);
      return request.header("authorization").isEmpty()
          ? ArmError.of(
              401,
              "AuthenticationFailed",
              "Authentication failed. The 'Authorization' header is missing.")
          : ArmError.of(
              401,
              "InvalidAuthenticationToken",
              "The access token is invalid or was not issued by the sandbox's token endpoint.");
    }
    Matcher costQuery = CostManagementHandler.PATH.matcher(path);
    if (costQuery.matches()) {
      return costManagement.handle(request, costQuery.group(1), caller.get());
    }
    if (!request.method().equals("GET")) {
      return ArmError.of(
          405,
          "MethodNotAllowed",
          "The sandbox serves ARM list operations only (GET), not " + request.method() + ".");
    }
    Map<String, String> query = request.queryParameters();
    String apiVersion = query.get("api-version");
    if (apiVersion == null || apiVersion.isBlank()) {
      return ArmError.of(
          400,
          "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    if (subscriptionsList) {
      return subscriptions(request, apiVersion);
    }
    if (operation == null) {
      return ArmError.of(
          404,
          "InvalidResourceType",
          "The sandbox does not serve '"
              + path
              + "'; it lists virtualMachines, storageAccounts"
              + " and virtualNetworks of a subscription.");
    }
    String subscriptionId = list.group(1).toLowerCase(Locale.ROOT);
    Optional<AzureSubscription> subscription = estate.subscription(subscriptionId);
    if (subscription.isEmpty()) {
      counters.recordCall(operation.name(), subscriptionId);
      return ArmError.of(
          404,
          "SubscriptionNotFound",
          "The subscription '" + subscriptionId + "' could not be found.");
    }
    if (!operation.apiVersions().contains(apiVersion)) {
      counters.recordCall(operation.name(), subscriptionId);
      return ArmError.of(
          400,
          "InvalidApiVersionParameter",
          "The api-version '"
              + apiVersion
              + "' is invalid. The supported versions are '"
              + String.join(",", operation.apiVersions().stream().sorted().toList())
              + "'.");
    }
    int offset = skipToken(query.get("$skiptoken"));
    int page = offset / options.pageSize() + 1;
    counters.recordCall(operation.name(), subscriptionId);
    FaultDecision decision = faults.decide(operation.name(), subscriptionId, "global", page);
    sleep(decision.latencyMillis());
    if (decision.fails()) {
      counters.recordInjectedFault(operation.name(), subscriptionId);
      return injected(decision, operation.name(), subscriptionId, caller.get());
    }
    List<ObjectNode> items = operation.items().apply(subscription.get());
    ObjectNode body = ArmResources.JSON.createObjectNode();
    ArrayNode value = body.putArray("value");
    int end = Math.min(items.size(), offset + options.pageSize());
    for (int i = offset; i < end; i++) {
      value.add(items.get(i));
    }
    if (end < items.size()) {
      body.put("nextLink", nextLink(request, query, end));
    }
    return json(200, body, readHeaders());
  }

  private SandboxResponse subscriptions(SandboxRequest request, String apiVersion) {
    counters.recordCall(SUBSCRIPTIONS_LIST, principal.tenantId());
    FaultDecision decision = faults.decide(SUBSCRIPTIONS_LIST, principal.tenantId(), "global", 1);
    sleep(decision.latencyMillis());
    if (decision.fails()) {
      counters.recordInjectedFault(SUBSCRIPTIONS_LIST, principal.tenantId());
      return injected(decision, SUBSCRIPTIONS_LIST, principal.tenantId(), principal.clientId());
    }
    ObjectNode body = ArmResources.JSON.createObjectNode();
    ArrayNode value = body.putArray("value");
    List<AzureSubscription> all = estate.subscriptions();
    all.forEach(s -> value.add(ArmResources.subscription(s, estate.state(s.subscriptionId()))));
    ObjectNode count = body.putObject("count");
    count.put("type", "Total");
    count.put("value", all.size());
    return json(200, body, readHeaders());
  }

  private SandboxResponse injected(
      FaultDecision decision, String operation, String subscriptionId, String clientId) {
    return switch (decision.failure()) {
      case THROTTLE ->
          ArmError.of(
              429,
              "SubscriptionRequestsThrottled",
              "Number of 'read' requests for subscription '"
                  + subscriptionId
                  + "' actor '"
                  + clientId
                  + "' exceeded. Please try again after '"
                  + options.retryAfterSeconds()
                  + "' seconds after additional tokens are available. Refer to"
                  + " https://aka.ms/arm-throttling for additional information.",
              Map.of(
                  "Retry-After",
                  Integer.toString(options.retryAfterSeconds()),
                  "x-ms-ratelimit-remaining-subscription-reads",
                  "0"));
      case SERVER_ERROR ->
          ArmError.of(
              500,
              "InternalServerError",
              "Encountered internal server error during " + operation + ". Please try again.");
      case DENY ->
          ArmError.of(
              403,
              "AuthorizationFailed",
              "The client '"
                  + clientId
                  + "' with object id '"
                  + clientId
                  + "' does not have authorization to perform action '"
                  + operation
                  + "' over scope '/subscriptions/"
                  + subscriptionId
                  + "' or the scope is invalid. If access was recently granted, please refresh"
                  + " your credentials.");
      case NONE -> throw new IllegalStateException("no failure to answer");
    };
  }

  private Optional<String> caller(SandboxRequest request) {
    return request
        .header("authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .flatMap(h -> directory.token(h.substring(7).strip()))
        .map(AzureTokens.IssuedToken::clientId);
  }

  /** The app registrations, passwords and tokens that Key Vault and Graph share with this route. */
  public AzureDirectory directory() {
    return directory;
  }

  /**
   * A token's audience: the requested resource scope without {@code /.default}. MSAL adds the
   * OpenID scopes ({@code openid profile offline_access}) to every request; they name no resource.
   */
  private static String audience(String scope) {
    String resource =
        java.util.Arrays.stream(scope == null ? new String[0] : scope.strip().split("\\s+"))
            .filter(s -> !Set.of("openid", "profile", "offline_access", "").contains(s))
            .findFirst()
            .orElse("");
    return resource.endsWith("/.default")
        ? resource.substring(0, resource.length() - "/.default".length())
        : resource;
  }

  /**
   * ARM's nextLink is absolute and https (clients reach the sandbox through an https to http
   * rewrite, since the SDK sends bearer tokens over https only).
   */
  private static String nextLink(SandboxRequest request, Map<String, String> query, int offset) {
    StringBuilder link =
        new StringBuilder("https://")
            .append(request.header("host").orElse("127.0.0.1"))
            .append(request.path())
            .append('?');
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      if (!parameter.getKey().equals("$skiptoken")) {
        link.append(encode(parameter.getKey()))
            .append('=')
            .append(encode(parameter.getValue()))
            .append('&');
      }
    }
    return link.append("$skiptoken=").append(offset).toString();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%24", "$");
  }

  private static int skipToken(String raw) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(raw));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Map<String, String> readHeaders() {
    return Map.of(
        "x-ms-request-id",
        UUID.randomUUID().toString(),
        "x-ms-ratelimit-remaining-subscription-reads",
        "11999");
  }

  private static SandboxResponse json(int status, ObjectNode body, Map<String, String> headers) {
    return new SandboxResponse(
        status,
        "application/json; charset=utf-8",
        body.toString().getBytes(StandardCharsets.UTF_8),
        headers);
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
