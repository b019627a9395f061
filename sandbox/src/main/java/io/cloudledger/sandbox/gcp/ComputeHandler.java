package io.cloudledger.sandbox.gcp;

import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.GcpInstance;
import io.cloudledger.sandbox.estate.GcpNetwork;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.estate.GcpSubnetwork;
import io.cloudledger.sandbox.estate.GcpZones;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute Engine v1 list operations: {@code instances.aggregatedList}, {@code networks.list},
 * {@code subnetworks.aggregatedList}, with {@code maxResults} (1-500, default 500), {@code
 * pageToken}, {@code returnPartialSuccess}, and the fault plan applied per call.
 */
final class ComputeHandler {
  static final String LIST_INSTANCES = "instances.aggregatedList";
  static final String LIST_NETWORKS = "networks.list";
  static final String LIST_SUBNETWORKS = "subnetworks.aggregatedList";

  private static final String SELF_LINK_BASE = "https://www.googleapis.com/compute/v1/";
  private static final int MAX_RESULTS = 500;
  private static final Pattern PATH =
      Pattern.compile(
          "/compute/v1/projects/([^/]+)/(aggregated/instances|global/networks|aggregated/subnetworks)");
  // GCP writes timestamps in Pacific time with milliseconds.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.ofHours(-8));

  private final Estate estate;
  private final GcpTokenEndpoint tokens;
  private final CallCounters counters;
  private final FaultInjector faults;
  private final AtomicLong throttles = new AtomicLong();

  ComputeHandler(
      Estate estate, GcpTokenEndpoint tokens, CallCounters counters, FaultInjector faults) {
    this.estate = estate;
    this.tokens = tokens;
    this.counters = counters;
    this.faults = faults;
  }

  SandboxResponse handle(SandboxRequest request) {
    Matcher path = PATH.matcher(request.path());
    if (!request.method().equals("GET") || !path.matches()) {
      return GcpErrors.notFound(request.method() + " " + request.path());
    }
    String projectId = path.group(1);
    String operation =
        switch (path.group(2)) {
          case "aggregated/instances" -> LIST_INSTANCES;
          case "global/networks" -> LIST_NETWORKS;
          default -> LIST_SUBNETWORKS;
        };
    Optional<String> principal =
        request
            .header("authorization")
            .filter(h -> h.startsWith("Bearer "))
            .flatMap(h -> tokens.principal(h.substring("Bearer ".length()).strip()));
    if (principal.isEmpty()) {
      counters.recordCall(operation, CallCounters.UNKNOWN_ACCOUNT);
      return GcpErrors.unauthenticated();
    }
    Map<String, String> query = request.queryParameters();
    int maxResults;
    try {
      maxResults = Integer.parseInt(query.getOrDefault("maxResults", "500"));
    } catch (NumberFormatException e) {
      return GcpErrors.invalid("Invalid value for field 'maxResults': must be an integer");
    }
    if (maxResults < 0 || maxResults > MAX_RESULTS) {
      return GcpErrors.invalid(
          "Invalid value for field 'maxResults': "
              + maxResults
              + ". Must be in the range [0, 500].");
    }
    int limit = maxResults == 0 ? MAX_RESULTS : maxResults;
    String pageToken = query.getOrDefault("pageToken", "");
    Optional<Integer> offset = decodeToken(projectId, operation, pageToken);
    if (offset.isEmpty()) {
      return GcpErrors.invalid("Invalid value for field 'pageToken': " + pageToken);
    }
    int page = offset.get() / limit + 1;
    counters.recordCall(operation, projectId);
    FaultDecision fault = faults.decide(operation, projectId, "global", page);
    sleep(fault.latencyMillis());
    if (fault.fails()) {
      counters.recordInjectedFault(operation, projectId);
      return switch (fault.failure()) {
        // Compute answers throttling with 403 rateLimitExceeded, newer fronts with 429.
        case THROTTLE -> GcpErrors.rateLimited(throttles.incrementAndGet() % 2 == 1 ? 403 : 429);
        case DENY ->
            GcpErrors.forbidden(
                operation.startsWith("instances")
                    ? "compute.instances.list"
                    : operation.startsWith("networks")
                        ? "compute.networks.list"
                        : "compute.subnetworks.list",
                projectId);
        default -> GcpErrors.backendError();
      };
    }
    Optional<GcpProject> project = estate.gcp().project(projectId);
    if (project.isEmpty()) {
      return GcpErrors.notFound("projects/" + projectId);
    }
    boolean partialSuccess = Boolean.parseBoolean(query.getOrDefault("returnPartialSuccess", ""));
    String base = SELF_LINK_BASE + "projects/" + projectId + "/";
    return switch (operation) {
      case LIST_INSTANCES ->
          aggregated(
              project.get(),
              operation,
              "compute#instanceAggregatedList",
              "aggregated/instances",
              "instances",
              GcpZones.ALL.stream().map(z -> "zones/" + z).toList(),
              project.get().instances().stream()
                  .sorted(Comparator.comparing(i -> GcpZones.ALL.indexOf(i.zone())))
                  .map(i -> new Scoped("zones/" + i.zone(), instance(base, i)))
                  .toList(),
              offset.get(),
              limit,
              partialSuccess);
      case LIST_NETWORKS -> networks(project.get(), base, offset.get(), limit);
      default ->
          aggregated(
              project.get(),
              operation,
              "compute#subnetworkAggregatedList",
              "aggregated/subnetworks",
              "subnetworks",
              GcpZones.REGIONS.stream().map(r -> "regions/" + r).toList(),
              project.get().subnetworks().stream()
                  .sorted(Comparator.comparing(s -> GcpZones.REGIONS.indexOf(s.region())))
                  .map(s -> new Scoped("regions/" + s.region(), subnetwork(base, s)))
                  .toList(),
              offset.get(),
              limit,
              partialSuccess);
    };
  }

  private record Scoped(String scope, Map<String, Object> item) {}

  /**
   * One page of an aggregated list: {@code items} keyed by scope ({@code zones/<zone>} or {@code
   * regions/<region>}), in scope order; scopes without items on this page carry the {@code
   * NO_RESULTS_ON_PAGE} warning, unreachable ones {@code UNREACHABLE} (and are listed in {@code
   * unreachables} when the caller asked for partial success).
   */
  private SandboxResponse aggregated(
      GcpProject project,
      String operation,
      String kind,
      String path,
      String field,
      List<String> scopes,
      List<Scoped> all,
      int offset,
      int limit,
      boolean partialSuccess) {
    List<String> unreachable =
        scopes.stream().filter(scope -> unreachable(operation, project, scope)).toList();
    List<Scoped> reachable = all.stream().filter(s -> !unreachable.contains(s.scope())).toList();
    int end = Math.min(reachable.size(), offset + limit);
    Map<String, List<Map<String, Object>>> byScope = new LinkedHashMap<>();
    for (Scoped scoped : reachable.subList(Math.min(offset, end), end)) {
      byScope.computeIfAbsent(scoped.scope(), s -> new ArrayList<>()).add(scoped.item());
    }
    Map<String, Object> items = new LinkedHashMap<>();
    for (String scope : scopes) {
      if (unreachable.contains(scope)) {
        items.put(
            scope,
            Map.of(
                "warning",
                warning(
                    "UNREACHABLE",
                    "Scope '" + scope + "' is unreachable; results may be incomplete.",
                    scope)));
      } else if (byScope.containsKey(scope)) {
        items.put(scope, Map.of(field, byScope.get(scope)));
      } else {
        items.put(
            scope,
            Map.of(
                "warning",
                warning(
                    "NO_RESULTS_ON_PAGE",
                    "There are no results for scope '" + scope + "' on this page.",
                    scope)));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind);
    body.put("id", "projects/" + project.projectId() + "/" + path);
    body.put("items", items);
    if (end < reachable.size()) {
      body.put("nextPageToken", encodeToken(project.projectId(), operation, end));
    }
    body.put("selfLink", SELF_LINK_BASE + "projects/" + project.projectId() + "/" + path);
    if (partialSuccess && !unreachable.isEmpty()) {
      body.put("unreachables", unreachable);
    }
    return GcpErrors.json(200, body);
  }

  private boolean unreachable(String operation, GcpProject project, String scope) {
    String name = scope.substring(scope.indexOf('/') + 1);
    boolean zone = scope.startsWith("zones/");
    return faults.unreachable(operation, project.projectId(), name)
        || (zone && faults.unreachable(operation, project.projectId(), GcpZones.regionOf(name)));
  }

  private SandboxResponse networks(GcpProject project, String base, int offset, int limit) {
    List<GcpNetwork> all = project.networks();
    int end = Math.min(all.size(), offset + limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "compute#networkList");
    body.put("id", "projects/" + project.projectId() + "/global/networks");
    body.put(
        "items",
        all.subList(Math.min(offset, end), end).stream()
            .map(n -> network(base, project, n))
            .toList());
    if (end < all.size()) {
      body.put("nextPageToken", encodeToken(project.projectId(), LIST_NETWORKS, end));
    }
    body.put("selfLink", base + "global/networks");
    return GcpErrors.json(200, body);
  }

  private static Map<String, Object> instance(String base, GcpInstance i) {
    String zoneLink = base + "zones/" + i.zone();
    Map<String, Object> nic = new LinkedHashMap<>();
    nic.put("kind", "compute#networkInterface");
    nic.put("network", base + "global/networks/" + i.network());
    nic.put("subnetwork", base + "regions/" + i.region() + "/subnetworks/" + i.subnetwork());
    nic.put("networkIP", i.networkIp());
    nic.put("name", "nic0");
    if (!i.natIp().isEmpty()) {
      nic.put(
          "accessConfigs",
          List.of(
              ordered(
                  "kind", "compute#accessConfig",
                  "type", "ONE_TO_ONE_NAT",
                  "name", "External NAT",
                  "natIP", i.natIp(),
                  "networkTier", "PREMIUM")));
    }
    nic.put("fingerprint", fingerprint(i.id()));
    nic.put("stackType", "IPV4_ONLY");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", "compute#instance");
    out.put("id", Long.toUnsignedString(i.id()));
    out.put("creationTimestamp", TIMESTAMP.format(i.creationTimestamp()));
    out.put("name", i.name());
    out.put("tags", Map.of("fingerprint", "42WmSpB8rSM="));
    out.put("machineType", zoneLink + "/machineTypes/" + i.machineType());
    out.put("status", i.status());
    out.put("zone", zoneLink);
    out.put("canIpForward", false);
    out.put("networkInterfaces", List.of(nic));
    out.put("selfLink", zoneLink + "/instances/" + i.name());
    out.put(
        "scheduling",
        ordered("onHostMaintenance", "MIGRATE", "automaticRestart", true, "preemptible", false));
    out.put("cpuPlatform", "Intel Broadwell");
    if (!i.labels().isEmpty()) {
      out.put("labels", i.labels());
    }
    out.put("labelFingerprint", fingerprint(i.labels().hashCode()));
    out.put("startRestricted", false);
    out.put("deletionProtection", false);
    return out;
  }

  private static Map<String, Object> network(String base, GcpProject project, GcpNetwork n) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", "compute#network");
    out.put("id", Long.toUnsignedString(n.id()));
    out.put("creationTimestamp", TIMESTAMP.format(n.creationTimestamp()));
    out.put("name", n.name());
    out.put("selfLink", base + "global/networks/" + n.name());
    out.put("autoCreateSubnetworks", n.autoCreateSubnetworks());
    out.put(
        "subnetworks",
        project.subnetworks().stream()
            .filter(s -> s.network().equals(n.name()))
            .map(s -> base + "regions/" + s.region() + "/subnetworks/" + s.name())
            .toList());
    out.put("routingConfig", Map.of("routingMode", n.routingMode()));
    out.put("mtu", n.mtu());
    out.put("networkFirewallPolicyEnforcementOrder", "AFTER_CLASSIC_FIREWALL");
    return out;
  }

  private static Map<String, Object> subnetwork(String base, GcpSubnetwork s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", "compute#subnetwork");
    out.put("id", Long.toUnsignedString(s.id()));
    out.put("creationTimestamp", TIMESTAMP.format(s.creationTimestamp()));
    out.put("name", s.name());
    out.put("network", base + "global/networks/" + s.network());
    out.put("ipCidrRange", s.ipCidrRange());
    out.put("gatewayAddress", s.gatewayAddress());
    out.put("region", base + "regions/" + s.region());
    out.put("selfLink", base + "regions/" + s.region() + "/subnetworks/" + s.name());
    out.put("privateIpGoogleAccess", false);
    out.put("fingerprint", fingerprint(s.id()));
    out.put("purpose", "PRIVATE");
    out.put("stackType", "IPV4_ONLY");
    return out;
  }

  /** A map that keeps the order of its keys, so responses are byte-identical run to run. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  private static Map<String, Object> warning(String code, String message, String scope) {
    Map<String, Object> datum = new LinkedHashMap<>();
    datum.put("key", "scope");
    datum.put("value", scope);
    Map<String, Object> warning = new LinkedHashMap<>();
    warning.put("code", code);
    warning.put("message", message);
    warning.put("data", List.of(datum));
    return warning;
  }

  private static String fingerprint(long seed) {
    byte[] bytes = new byte[8];
    for (int b = 0; b < 8; b++) {
      bytes[b] = (byte) (seed >>> (8 * b));
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String encodeToken(String project, String operation, int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            (project + "|" + operation + "|" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Integer> decodeToken(String project, String operation, String token) {
    if (token.isEmpty()) {
      return Optional.of(0);
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
      if (parts.length != 3 || !parts[0].equals(project) || !parts[1].equals(operation)) {
        return Optional.empty();
      }
      int offset = Integer.parseInt(parts[2]);
      return offset >= 0 ? Optional.of(offset) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
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
