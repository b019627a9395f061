package io.cloudledger.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.DailyCost;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cost Explorer over AWS JSON 1.1 ({@code X-Amz-Target: AWSInsightsIndexService.GetCostAndUsage},
 * SigV4 service {@code ce}, region us-east-1 only): {@code DAILY} costs of the estate's {@link
 * io.cloudledger.sandbox.estate.CostLedger}, grouped by up to two of {@code SERVICE} and {@code
 * LINKED_ACCOUNT} in the request's order, paged by {@value #GROUPS_PER_PAGE} groups with {@code
 * NextPageToken} (a day can continue on the next page, as on AWS). The management account sees
 * every linked account; a member account sees itself only.
 */
final class CostExplorerHandler implements AwsServiceHandler {
  /** Groups per page; a window of D days over G (service, account) pairs takes ceil(D*G/this). */
  static final int GROUPS_PER_PAGE = 100;

  static final String OPERATION = "GetCostAndUsage";
  private static final String TARGET_PREFIX = "AWSInsightsIndexService.";
  private static final Set<String> COST_METRICS =
      Set.of(
          "UnblendedCost", "BlendedCost", "AmortizedCost", "NetUnblendedCost", "NetAmortizedCost");
  private static final Set<String> DIMENSIONS = Set.of("SERVICE", "LINKED_ACCOUNT");
  // Cost Explorer keeps 14 months of daily data (with multi-year history off).
  private static final int HISTORY_MONTHS = 14;
  // Days this close to today are still estimates AWS may revise.
  private static final int ESTIMATED_DAYS = 3;

  /** A request error answered in the JSON 1.1 error shape. */
  private static final class CeError extends RuntimeException {
    final int status;
    final String type;

    CeError(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }

  private record Group(LocalDate date, List<String> keys, BigDecimal amount) {}

  private final Estate estate;
  private final AwsIdentities identities;
  private final AwsCallGate gate;
  private final Clock clock;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ObjectMapper json = JSON;

  CostExplorerHandler(Estate estate, AwsIdentities identities, AwsCallGate gate, Clock clock) {
    this.estate = estate;
    this.identities = identities;
    this.gate = gate;
    this.clock = clock;
  }

  @Override
  public SandboxResponse handle(SandboxRequest request, SigV4Scope scope) {
    String target = request.header("x-amz-target").orElse("");
    String operation =
        target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
    Optional<AwsCaller> caller =
        identities.resolve(scope.accessKeyId(), request.header("x-amz-security-token"));
    Optional<AwsAccount> account = caller.flatMap(c -> estate.account(c.accountId()));
    if (account.isEmpty()) {
      gate.countUnauthenticated(operation);
      return error(
          400,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.");
    }
    if (!scope.region().equals("us-east-1")) {
      gate.countUnauthenticated(operation);
      return error(
          400,
          "InvalidSignatureException",
          "Credential should be scoped to a valid region, not '"
              + scope.region()
              + "'. Cost Explorer is served from us-east-1 only.");
    }
    if (!operation.equals(OPERATION)) {
      gate.enter(operation, account.get().accountId(), scope.region(), 1);
      return error(400, "UnknownOperationException", "Unknown operation " + target);
    }
    try {
      return getCostAndUsage(account.get(), request, scope);
    } catch (CeError e) {
      return error(e.status, e.type, e.getMessage());
    }
  }

  private SandboxResponse getCostAndUsage(
      AwsAccount caller, SandboxRequest request, SigV4Scope scope) {
    JsonNode body = parse(request);
    PageToken token = pageToken(body);
    FaultDecision fault = gate.enter(OPERATION, caller.accountId(), scope.region(), token.page());
    if (fault.fails()) {
      return switch (fault.failure()) {
        case THROTTLE -> error(400, "LimitExceededException", "You have exceeded the rate limit.");
        case DENY ->
            error(
                400,
                "AccessDeniedException",
                "User is not authorized to perform ce:GetCostAndUsage");
        default -> error(500, "InternalFailure", "An internal error occurred.");
      };
    }
    LocalDate start = date(body.path("TimePeriod"), "Start");
    LocalDate end = date(body.path("TimePeriod"), "End");
    if (!start.isBefore(end)) {
      throw validation("Start date (" + start + ") must be before end date (" + end + ")");
    }
    String granularity = body.path("Granularity").asText("");
    if (!granularity.equals("DAILY")) {
      throw validation("the sandbox serves Granularity DAILY only, got '" + granularity + "'");
    }
    if (body.has("Filter")) {
      throw validation("the sandbox does not evaluate Filter expressions");
    }
    List<String> metrics = new ArrayList<>();
    body.path("Metrics").forEach(m -> metrics.add(m.asText()));
    if (metrics.isEmpty()) {
      throw validation("Metrics must not be empty");
    }
    for (String metric : metrics) {
      if (!COST_METRICS.contains(metric)) {
        throw validation(
            "the sandbox serves cost metrics " + COST_METRICS + ", not '" + metric + "'");
      }
    }
    List<String> dimensions = new ArrayList<>();
    for (JsonNode group : body.path("GroupBy")) {
      String key = group.path("Key").asText("");
      if (!group.path("Type").asText("").equals("DIMENSION") || !DIMENSIONS.contains(key)) {
        throw validation("the sandbox groups by DIMENSION SERVICE or LINKED_ACCOUNT, got " + group);
      }
      dimensions.add(key);
    }
    if (dimensions.size() > 2 || dimensions.stream().distinct().count() != dimensions.size()) {
      throw validation("GroupBy takes at most two distinct dimensions, got " + dimensions);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (start.isBefore(today.withDayOfMonth(1).minusMonths(HISTORY_MONTHS - 1))) {
      throw new CeError(
          400,
          "DataUnavailableException",
          "Data is not available. Please try to adjust the time period. Daily data covers the last "
              + HISTORY_MONTHS
              + " months.");
    }
    LocalDate served = end.isAfter(today.plusDays(1)) ? today.plusDays(1) : end;

    List<String> visible =
        caller.index() == estate.managementAccount().index()
            ? estate.accounts().stream().map(AwsAccount::accountId).toList()
            : List.of(caller.accountId());
    List<DailyCost> costs =
        served.isAfter(start) ? estate.costs().costs(start, served, visible) : List.of();
    List<Group> groups = group(costs, dimensions);
    int from = Math.min(token.offset(), groups.size());
    int to = Math.min(from + GROUPS_PER_PAGE, groups.size());
    ObjectNode response = json.createObjectNode();
    ArrayNode definitions = response.putArray("GroupDefinitions");
    dimensions.forEach(d -> definitions.addObject().put("Type", "DIMENSION").put("Key", d));
    ArrayNode results = response.putArray("ResultsByTime");
    ObjectNode current = null;
    LocalDate currentDay = null;
    for (Group group : groups.subList(from, to)) {
      if (!group.date().equals(currentDay)) {
        currentDay = group.date();
        current =
            result(
                results, currentDay, today, metrics, dimensions.isEmpty() ? group.amount() : null);
      }
      if (!dimensions.isEmpty()) {
        ObjectNode entry = current.withArray("Groups").addObject();
        ArrayNode keys = entry.putArray("Keys");
        group.keys().forEach(keys::add);
        ObjectNode metricValues = entry.putObject("Metrics");
        for (String metric : metrics) {
          metricValues.putObject(metric).put("Amount", wire(group.amount())).put("Unit", "USD");
        }
      }
    }
    if (to < groups.size()) {
      response.put("NextPageToken", new PageToken(OPERATION, to, token.page() + 1).encode());
    }
    ArrayNode attributes = response.putArray("DimensionValueAttributes");
    if (dimensions.contains("LINKED_ACCOUNT")) {
      for (String accountId : visible) {
        attributes
            .addObject()
            .put("Value", accountId)
            .putObject("Attributes")
            .put("description", "sandbox account " + accountId);
      }
    }
    return ok(response);
  }

  /** Groups the costs by the requested dimensions, keeping day order; sums what is not grouped. */
  private static List<Group> group(List<DailyCost> costs, List<String> dimensions) {
    Map<List<Object>, BigDecimal> sums = new LinkedHashMap<>();
    for (DailyCost cost : costs) {
      List<Object> key = new ArrayList<>();
      key.add(cost.date());
      for (String dimension : dimensions) {
        key.add(dimension.equals("SERVICE") ? cost.service() : cost.accountId());
      }
      sums.merge(key, cost.amount(), BigDecimal::add);
    }
    List<Group> groups = new ArrayList<>();
    sums.forEach(
        (key, amount) ->
            groups.add(
                new Group(
                    (LocalDate) key.get(0),
                    key.subList(1, key.size()).stream().map(Object::toString).toList(),
                    amount)));
    return groups;
  }

  private ObjectNode result(
      ArrayNode results, LocalDate day, LocalDate today, List<String> metrics, BigDecimal total) {
    ObjectNode result = results.addObject();
    result
        .putObject("TimePeriod")
        .put("Start", day.toString())
        .put("End", day.plusDays(1).toString());
    ObjectNode totals = result.putObject("Total");
    if (total != null) {
      for (String metric : metrics) {
        totals.putObject(metric).put("Amount", wire(total)).put("Unit", "USD");
      }
    }
    result.putArray("Groups");
    result.put("Estimated", !day.isBefore(today.minusDays(ESTIMATED_DAYS - 1)));
    return result;
  }

  /**
   * Amounts as Cost Explorer writes them: a string with ten decimals, e.g. {@code 12.3400000000}.
   */
  static String wire(BigDecimal amount) {
    return amount.setScale(10, RoundingMode.UNNECESSARY).toPlainString();
  }

  private JsonNode parse(SandboxRequest request) {
    try {
      JsonNode node = json.readTree(request.bodyText().isEmpty() ? "{}" : request.bodyText());
      if (node == null || !node.isObject()) {
        throw new CeError(400, "SerializationException", "the request body is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new CeError(400, "SerializationException", "the request body is not valid JSON");
    }
  }

  private static PageToken pageToken(JsonNode body) {
    String token = body.path("NextPageToken").asText("");
    if (token.isEmpty()) {
      return PageToken.FIRST;
    }
    return PageToken.decode(token, OPERATION)
        .orElseThrow(
            () -> new CeError(400, "InvalidNextTokenException", "The NextPageToken is invalid."));
  }

  private static LocalDate date(JsonNode period, String field) {
    String text = period.path(field).asText("");
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw validation("TimePeriod." + field + " '" + text + "' is not a date like 2026-03-01");
    }
  }

  private static CeError validation(String message) {
    return new CeError(400, "ValidationException", message);
  }

  private SandboxResponse ok(ObjectNode body) {
    try {
      return new SandboxResponse(
          200, "application/x-amz-json-1.1", json.writeValueAsBytes(body), Map.of());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a Cost Explorer response", e);
    }
  }

  private static SandboxResponse error(int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
    try {
      return new SandboxResponse(
          status, "application/x-amz-json-1.1", JSON.writeValueAsBytes(body), Map.of());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a Cost Explorer error", e);
    }
  }
}
