package io.cloudledger.sandbox.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.AzureEstate;
import io.cloudledger.sandbox.estate.DailyCost;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Cost Management's {@code Query_Usage} at subscription scope: {@code POST
 * /subscriptions/{id}/providers/Microsoft.CostManagement/query}, {@code Daily} cost of the estate's
 * Azure ledger grouped by {@code ServiceName}, answered in the column/rows shape of Azure's
 * published examples ({@code properties.columns}, {@code properties.rows}, {@code UsageDate} as a
 * number like {@code 20261101}). Pages of {@link AzureSandboxOptions#pageSize()} rows continue at
 * {@code properties.nextLink}, which the client POSTs with the same body. An injected throttle is
 * Cost Management's 429 with the {@code x-ms-ratelimit-microsoft.costmanagement-*-retry-after}
 * headers (and no {@code Retry-After}).
 */
final class CostManagementHandler {
  /** The operation name of the REST spec, for faults and counters. */
  static final String OPERATION = "Query_Usage";

  static final Pattern PATH =
      Pattern.compile(
          "/subscriptions/([^/]+)/providers/Microsoft\\.CostManagement/query/?",
          Pattern.CASE_INSENSITIVE);

  /** The retry-after headers Cost Management sends with a 429, in seconds. */
  static final List<String> RETRY_AFTER_HEADERS =
      List.of(
          "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
          "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
          "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after");

  private static final Set<String> API_VERSIONS =
      Set.of(
          "2019-11-01",
          "2021-10-01",
          "2022-10-01",
          "2023-03-01",
          "2023-08-01",
          "2023-11-01",
          "2024-08-01",
          "2025-03-01");
  private static final Set<String> TYPES = Set.of("ActualCost", "AmortizedCost", "Usage");
  private static final Set<String> COST_COLUMNS =
      Set.of("PreTaxCost", "Cost", "CostUSD", "PreTaxCostUSD");
  // A custom time period covers at most a year.
  private static final int MAX_DAYS = 366;

  /** A request error answered in ARM's error shape. */
  private static final class QueryError extends RuntimeException {
    final int status;
    final String code;

    QueryError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private final AzureEstate estate;
  private final AzureSandboxOptions options;
  private final CallCounters counters;
  private final FaultInjector faults;
  private final Clock clock;

  CostManagementHandler(
      AzureEstate estate,
      AzureSandboxOptions options,
      CallCounters counters,
      FaultInjector faults,
      Clock clock) {
    this.estate = estate;
    this.options = options;
    this.counters = counters;
    this.faults = faults;
    this.clock = clock;
  }

  SandboxResponse handle(SandboxRequest request, String subscriptionId, String clientId) {
    String subscription = subscriptionId.toLowerCase(Locale.ROOT);
    counters.recordCall(OPERATION, subscription);
    if (!request.method().equals("POST")) {
      return ArmError.of(
          405, "MethodNotAllowed", "Query_Usage takes POST, not " + request.method());
    }
    String apiVersion = request.queryParameters().get("api-version");
    if (apiVersion == null || apiVersion.isBlank()) {
      return ArmError.of(
          400,
          "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    if (!API_VERSIONS.contains(apiVersion)) {
      return ArmError.of(
          400,
          "InvalidApiVersionParameter",
          "The api-version '"
              + apiVersion
              + "' is invalid. The supported versions are '"
              + String.join(",", API_VERSIONS.stream().sorted().toList())
              + "'.");
    }
    if (estate.subscription(subscription).isEmpty()) {
      return ArmError.of(
          404,
          "SubscriptionNotFound",
          "The subscription '" + subscription + "' could not be found.");
    }
    int offset = skipToken(request.queryParameters().get("$skiptoken"));
    FaultDecision decision =
        faults.decide(OPERATION, subscription, "global", offset / options.pageSize() + 1);
    sleep(decision.latencyMillis());
    if (decision.fails()) {
      counters.recordInjectedFault(OPERATION, subscription);
      return injected(decision, subscription, clientId);
    }
    try {
      return query(request, subscription, offset);
    } catch (QueryError e) {
      return ArmError.of(e.status, e.code, e.getMessage());
    }
  }

  private SandboxResponse query(SandboxRequest request, String subscription, int offset) {
    JsonNode body = parse(request);
    String type = body.path("type").asText("");
    if (!TYPES.contains(type)) {
      throw badRequest("type must be one of " + TYPES.stream().sorted().toList() + ", got " + type);
    }
    if (!body.path("timeframe").asText("").equalsIgnoreCase("Custom")) {
      throw badRequest("the sandbox serves timeframe Custom with a timePeriod only");
    }
    LocalDate from = date(body.path("timePeriod"), "from");
    LocalDate to = date(body.path("timePeriod"), "to");
    if (to.isBefore(from)) {
      throw badRequest(
          "timePeriod.to (" + to + ") must not be before timePeriod.from (" + from + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw badRequest("A custom time period must not be longer than one year.");
    }
    JsonNode dataset = body.path("dataset");
    if (!dataset.path("granularity").asText("").equalsIgnoreCase("Daily")) {
      throw badRequest("the sandbox serves granularity Daily only");
    }
    JsonNode aggregations = dataset.path("aggregation");
    if (!aggregations.isObject() || aggregations.size() != 1) {
      throw badRequest("the sandbox serves exactly one aggregation");
    }
    JsonNode aggregation = aggregations.elements().next();
    String costColumn = aggregation.path("name").asText("");
    if (!COST_COLUMNS.contains(costColumn)
        || !aggregation.path("function").asText("").equalsIgnoreCase("Sum")) {
      throw badRequest(
          "the sandbox aggregates Sum of "
              + COST_COLUMNS.stream().sorted().toList()
              + ", got "
              + aggregation);
    }
    JsonNode grouping = dataset.path("grouping");
    if (grouping.size() != 1
        || !grouping.get(0).path("type").asText("").equalsIgnoreCase("Dimension")
        || !grouping.get(0).path("name").asText("").equals("ServiceName")) {
      throw badRequest("the sandbox groups by Dimension ServiceName only, got " + grouping);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate end = to.isAfter(today) ? today.plusDays(1) : to.plusDays(1);
    List<DailyCost> costs =
        end.isAfter(from) ? estate.costs().costs(from, end, List.of(subscription)) : List.of();

    ObjectNode root = ArmResources.JSON.createObjectNode();
    String name = UUID.randomUUID().toString();
    root.put(
        "id",
        "subscriptions/" + subscription + "/providers/Microsoft.CostManagement/query/" + name);
    root.put("name", name);
    root.put("type", "Microsoft.CostManagement/query");
    root.putNull("location");
    root.putNull("sku");
    root.putNull("eTag");
    ObjectNode properties = root.putObject("properties");
    int last = Math.min(costs.size(), offset + options.pageSize());
    if (last < costs.size()) {
      properties.put("nextLink", nextLink(request, last));
    } else {
      properties.putNull("nextLink");
    }
    ArrayNode columns = properties.putArray("columns");
    columns.addObject().put("name", costColumn).put("type", "Number");
    columns.addObject().put("name", "UsageDate").put("type", "Number");
    columns.addObject().put("name", "ServiceName").put("type", "String");
    columns.addObject().put("name", "Currency").put("type", "String");
    ArrayNode rows = properties.putArray("rows");
    String currency = estate.costs().currency();
    for (DailyCost cost : costs.subList(Math.min(offset, costs.size()), last)) {
      ArrayNode row = rows.addArray();
      row.add(cost.amount());
      row.add(Long.parseLong(cost.date().toString().replace("-", "")));
      row.add(cost.service());
      row.add(currency);
    }
    return new SandboxResponse(
        200,
        "application/json; charset=utf-8",
        root.toString().getBytes(StandardCharsets.UTF_8),
        Map.of(
            "x-ms-request-id",
            UUID.randomUUID().toString(),
            "x-ms-ratelimit-microsoft.costmanagement-qpu-remaining",
            "QueryResource=599;Subscription=1199"));
  }

  private SandboxResponse injected(FaultDecision decision, String subscription, String clientId) {
    return switch (decision.failure()) {
      case THROTTLE -> {
        String seconds = Integer.toString(options.retryAfterSeconds());
        Map<String, String> headers =
            Map.of(
                RETRY_AFTER_HEADERS.get(0),
                seconds,
                RETRY_AFTER_HEADERS.get(1),
                seconds,
                RETRY_AFTER_HEADERS.get(2),
                seconds,
                "x-ms-ratelimit-microsoft.costmanagement-qpu-remaining",
                "QueryResource=0;Subscription=0");
        yield ArmError.of(
            429, "429", "Too many requests. Please retry after " + seconds + " seconds.", headers);
      }
      case SERVER_ERROR ->
          ArmError.of(
              500,
              "InternalServerError",
              "Encountered internal server error during Query_Usage. Please try again.");
      case DENY ->
          ArmError.of(
              403,
              "AuthorizationFailed",
              "The client '"
                  + clientId
                  + "' does not have authorization to perform action"
                  + " 'Microsoft.CostManagement/query/action' over scope '/subscriptions/"
                  + subscription
                  + "'.");
      case NONE -> throw new IllegalStateException("no failure to answer");
    };
  }

  private static JsonNode parse(SandboxRequest request) {
    try {
      JsonNode node = ArmResources.JSON.readTree(request.bodyText());
      if (node == null || !node.isObject()) {
        throw badRequest("The request body must be a QueryDefinition object.");
      }
      return node;
    } catch (IOException e) {
      throw badRequest("The request body is not valid JSON.");
    }
  }

  private static LocalDate date(JsonNode period, String field) {
    String text = period.path(field).asText("");
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      throw badRequest(
          "timePeriod." + field + " '" + text + "' is not a date-time like 2026-03-01T00:00:00Z");
    }
  }

  private static QueryError badRequest(String message) {
    return new QueryError(400, "BadRequest", message);
  }

  /** Absolute and https, as ARM's (clients reach the sandbox through an https→http rewrite). */
  private static String nextLink(SandboxRequest request, int offset) {
    return "https://"
        + request.header("host").orElse("127.0.0.1")
        + request.path()
        + "?api-version="
        + request.queryParameters().get("api-version")
        + "&$skiptoken="
        + offset;
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
