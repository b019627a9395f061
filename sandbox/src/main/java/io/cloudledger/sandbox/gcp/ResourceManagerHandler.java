package io.cloudledger.sandbox.gcp;

import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.estate.GcpResourceTree;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resource Manager v3 over REST: {@code GET /v3/folders?parent=}, {@code GET /v3/projects?parent=}
 * (DELETE_REQUESTED projects only with {@code showDeleted=true}, as the real API) and {@code GET
 * /v3/projects:search}, paged by {@code pageSize} (default 100) and {@code pageToken}. Faults use
 * the operation names {@code folders.list}, {@code projects.list}, {@code projects.search} with the
 * parent (or "search") as ACCOUNT.
 */
final class ResourceManagerHandler {
  static final String PREFIX = "/v3/";
  private static final int DEFAULT_PAGE_SIZE = 100;

  private final Estate estate;
  private final GcpTokenEndpoint tokens;
  private final CallCounters counters;
  private final FaultInjector faults;

  ResourceManagerHandler(
      Estate estate, GcpTokenEndpoint tokens, CallCounters counters, FaultInjector faults) {
    this.estate = estate;
    this.tokens = tokens;
    this.counters = counters;
    this.faults = faults;
  }

  SandboxResponse handle(SandboxRequest request) {
    String path = request.path();
    String operation =
        switch (path) {
          case "/v3/folders" -> "folders.list";
          case "/v3/projects" -> "projects.list";
          case "/v3/projects:search" -> "projects.search";
          default -> "";
        };
    if (operation.isEmpty() || !request.method().equals("GET")) {
      return GcpErrors.notFound(request.method() + " " + path);
    }
    Map<String, String> query = request.queryParameters();
    String parent = query.getOrDefault("parent", "");
    String account = operation.equals("projects.search") ? "search" : parent;
    Optional<String> principal =
        request
            .header("authorization")
            .filter(h -> h.startsWith("Bearer "))
            .flatMap(h -> tokens.principal(h.substring("Bearer ".length()).strip()));
    counters.recordCall(operation, principal.isEmpty() ? CallCounters.UNKNOWN_ACCOUNT : account);
    if (principal.isEmpty()) {
      return GcpErrors.unauthenticated();
    }
    if (!operation.equals("projects.search") && parent.isEmpty()) {
      return GcpErrors.invalid("parent is required");
    }
    int pageSize;
    int offset;
    try {
      pageSize = Integer.parseInt(query.getOrDefault("pageSize", "" + DEFAULT_PAGE_SIZE));
      String token = query.getOrDefault("pageToken", "");
      offset = token.isEmpty() ? 0 : Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return GcpErrors.invalid("invalid pageSize or pageToken");
    }
    if (pageSize < 1 || pageSize > 1000 || offset < 0) {
      return GcpErrors.invalid("pageSize must be 1-1000");
    }
    FaultDecision fault = faults.decide(operation, account, "global", offset / pageSize + 1);
    if (fault.latencyMillis() > 0) {
      try {
        Thread.sleep(fault.latencyMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (fault.fails()) {
      counters.recordInjectedFault(operation, account);
      return switch (fault.failure()) {
        case THROTTLE -> GcpErrors.rateLimited(429);
        case SERVER_ERROR -> GcpErrors.backendError();
        case DENY ->
            GcpErrors.compute(
                403,
                "PERMISSION_DENIED",
                "global",
                "forbidden",
                "The caller does not have permission (resourcemanager."
                    + (operation.startsWith("folders") ? "folders.list" : "projects.list")
                    + " on "
                    + account
                    + ")");
        case NONE -> throw new IllegalStateException("no failure");
      };
    }
    GcpResourceTree tree = estate.gcpResourceTree();
    boolean showDeleted = Boolean.parseBoolean(query.getOrDefault("showDeleted", "false"));
    List<Map<String, Object>> items = new ArrayList<>();
    String field;
    if (operation.equals("folders.list")) {
      field = "folders";
      for (GcpResourceTree.Folder folder : tree.folders()) {
        if (folder.parent().equals(parent)) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("name", folder.name());
          item.put("parent", folder.parent());
          item.put("displayName", folder.displayName());
          item.put("state", "ACTIVE");
          items.add(item);
        }
      }
    } else {
      field = "projects";
      for (GcpProject project : estate.gcp().projects()) {
        String state = tree.state(project.projectId());
        boolean listed =
            operation.equals("projects.search")
                || tree.parentOf(project).equals(parent) && (showDeleted || state.equals("ACTIVE"));
        if (listed) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("name", "projects/" + project.projectNumber());
          item.put("parent", tree.parentOf(project));
          item.put("projectId", project.projectId());
          item.put("state", state);
          item.put("displayName", project.projectId());
          items.add(item);
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    int end = Math.min(items.size(), offset + pageSize);
    body.put(field, items.subList(Math.min(offset, items.size()), end));
    if (end < items.size()) {
      body.put("nextPageToken", Integer.toString(end));
    }
    return GcpErrors.json(200, body);
  }
}
