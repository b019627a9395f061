package io.cloudledger.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.fault.FaultPlan;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * {@code /admin/...}: read and replace the fault plan, read and reset the call counters, advance
 * the estate, describe the estate, and fetch the generated {@code cloudledger.yaml}.
 */
final class AdminRoute implements Route {
  static final String PREFIX = "/admin/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Estate estate;
  private final FaultInjector faults;
  private final CallCounters counters;
  private final DoubleFunction<Object> advance;
  private final Supplier<String> yaml;

  AdminRoute(
      Estate estate,
      FaultInjector faults,
      CallCounters counters,
      DoubleFunction<Object> advance,
      Supplier<String> yaml) {
    this.estate = estate;
    this.faults = faults;
    this.counters = counters;
    this.advance = advance;
    this.yaml = yaml;
  }

  @Override
  public boolean matches(SandboxRequest request) {
    return request.path().startsWith(PREFIX) && request.header("authorization").isEmpty();
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    String what = request.method() + " " + request.path().substring(PREFIX.length() - 1);
    try {
      return switch (what) {
        case "GET /faults" -> json(Map.of("spec", faults.plan().toSpec()));
        case "POST /faults", "PUT /faults" -> replaceFaults(request);
        case "GET /counters" -> counters();
        case "POST /counters/reset" -> {
          counters.reset();
          yield counters();
        }
        case "POST /advance" -> advance(request);
        case "GET /estate" -> estate();
        case "GET /config" -> SandboxResponse.text(200, yaml.get());
        default ->
            SandboxResponse.text(
                404,
                "unknown admin call "
                    + what
                    + "; known: GET|POST /admin/faults, GET /admin/counters,"
                    + " POST /admin/counters/reset, POST /admin/advance?fraction=F,"
                    + " GET /admin/estate, GET /admin/config");
      };
    } catch (IllegalArgumentException e) {
      return json(400, Map.of("error", e.getMessage()));
    }
  }

  /** Accepts the spec as plain text or as {@code {"spec": "..."}}. */
  private SandboxResponse replaceFaults(SandboxRequest request) {
    String body = request.bodyText().strip();
    String spec = body;
    if (body.startsWith("{")) {
      try {
        JsonNode node = JSON.readTree(body);
        spec = node.path("spec").asText("");
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("body is neither a spec string nor {\"spec\": ...}");
      }
    }
    FaultPlan plan = FaultPlan.parse(spec);
    faults.replace(plan);
    return json(Map.of("spec", plan.toSpec()));
  }

  private SandboxResponse counters() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("totalCalls", counters.totalCalls());
    body.put("counts", counters.snapshot());
    return json(body);
  }

  private SandboxResponse advance(SandboxRequest request) {
    String raw = request.queryParameters().get("fraction");
    if (raw == null) {
      throw new IllegalArgumentException("POST /admin/advance needs ?fraction=F (0..1)");
    }
    double fraction;
    try {
      fraction = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fraction '" + raw + "' is not a number");
    }
    return json(advance.apply(fraction));
  }

  private SandboxResponse estate() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("spec", estate.spec());
    body.put("generation", estate.generation());
    body.put(
        "accounts",
        estate.accounts().stream()
            .map(
                (AwsAccount a) -> {
                  Map<String, Object> account = new LinkedHashMap<>();
                  account.put("accountId", a.accountId());
                  account.put("roleArn", a.roleArn());
                  account.put("externalId", a.externalId());
                  account.put("enabledRegions", a.enabledRegions());
                  account.put("instances", a.instances().size());
                  account.put("vpcs", a.vpcs().size());
                  account.put("subnets", a.subnets().size());
                  account.put("buckets", a.buckets().size());
                  return account;
                })
            .toList());
    body.put(
        "azure",
        Map.of(
            "tenantId",
            estate.azure().tenantId(),
            "subscriptions",
            estate.azure().subscriptions().stream()
                .map(
                    s ->
                        Map.of(
                            "subscriptionId", s.subscriptionId(),
                            "vms", s.vms().size(),
                            "storageAccounts", s.storageAccounts().size(),
                            "virtualNetworks", s.virtualNetworks().size(),
                            "subnets", s.subnetCount()))
                .toList()));
    return json(body);
  }

  private static SandboxResponse json(Object body) {
    return json(200, body);
  }

  private static SandboxResponse json(int status, Object body) {
    try {
      return SandboxResponse.json(status, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write admin JSON", e);
    }
  }
}
