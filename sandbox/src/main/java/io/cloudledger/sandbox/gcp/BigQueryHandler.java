package io.cloudledger.sandbox.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.DailyCost;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * BigQuery's REST API over the estate's Cloud Billing export ({@link
 * io.cloudledger.sandbox.estate.GcpEstate#billingExportTable()}), as far as the Java client's query
 * path uses it: {@code jobs.query} ({@code POST /bigquery/v2/projects/{p}/queries}), {@code
 * jobs.getQueryResults} ({@code GET .../queries/{jobId}}), {@code jobs.get} ({@code GET
 * .../jobs/{jobId}}) and {@code tabledata.list} of the job's anonymous result table (how the client
 * fetches the pages after the first), all with {@code pageToken}/{@code maxResults} and rows in
 * BigQuery's JSON shape ({@code rows: [{f: [{v: "..."}]}]}, every value a string).
 *
 * <p>It does not run SQL: a query must name the export table ({@code `project.dataset.table`}),
 * pass the DATE parameters {@code @start} (inclusive) and {@code @end} (exclusive), and select the
 * columns {@code usage_date, project_id, service, currency, cost}; it is then answered with the
 * ledger's daily cost per project and service (net of credits, which the ledger does not split).
 */
final class BigQueryHandler {
  static final String PREFIX = "/bigquery/v2/projects/";
  static final String QUERY = "jobs.query";
  static final String GET_QUERY_RESULTS = "jobs.getQueryResults";
  static final String GET_JOB = "jobs.get";
  static final String LIST_TABLE_DATA = "tabledata.list";

  /** Rows per page when a request does not say ({@code maxResults}). */
  static final int DEFAULT_PAGE_ROWS = 100;

  static final List<String> COLUMNS =
      List.of("usage_date", "project_id", "service", "currency", "cost");
  private static final List<String> TYPES =
      List.of("DATE", "STRING", "STRING", "STRING", "NUMERIC");
  private static final String ANONYMOUS_DATASET = "_sandbox_anonymous";

  private static final Pattern QUERIES = Pattern.compile(PREFIX + "([^/]+)/queries/?");
  private static final Pattern QUERY_RESULTS = Pattern.compile(PREFIX + "([^/]+)/queries/([^/]+)");
  private static final Pattern JOB = Pattern.compile(PREFIX + "([^/]+)/jobs/([^/]+)");
  private static final Pattern TABLE_DATA =
      Pattern.compile(PREFIX + "([^/]+)/datasets/([^/]+)/tables/([^/]+)/data");

  /** A finished query: its rows (all pages) and the page size it asked for. */
  private record QueryJob(
      String projectId, String jobId, String sql, List<List<String>> rows, int pageRows) {}

  private final Estate estate;
  private final GcpTokenEndpoint tokens;
  private final CallCounters counters;
  private final FaultInjector faults;
  private final Clock clock;
  private final Map<String, QueryJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong jobNumbers = new AtomicLong();

  BigQueryHandler(
      Estate estate,
      GcpTokenEndpoint tokens,
      CallCounters counters,
      FaultInjector faults,
      Clock clock) {
    this.estate = estate;
    this.tokens = tokens;
    this.counters = counters;
    this.faults = faults;
    this.clock = clock;
  }

  SandboxResponse handle(SandboxRequest request) {
    String path = request.path();
    Matcher queries = QUERIES.matcher(path);
    Matcher results = QUERY_RESULTS.matcher(path);
    Matcher job = JOB.matcher(path);
    Matcher data = TABLE_DATA.matcher(path);
    String operation;
    String project;
    if (queries.matches() && request.method().equals("POST")) {
      operation = QUERY;
      project = queries.group(1);
    } else if (results.matches() && request.method().equals("GET")) {
      operation = GET_QUERY_RESULTS;
      project = results.group(1);
    } else if (job.matches() && request.method().equals("GET")) {
      operation = GET_JOB;
      project = job.group(1);
    } else if (data.matches() && request.method().equals("GET")) {
      operation = LIST_TABLE_DATA;
      project = data.group(1);
    } else {
      return GcpErrors.compute(
          404,
          "NOT_FOUND",
          "global",
          "notFound",
          "The sandbox serves jobs.query, jobs.getQueryResults, jobs.get and tabledata.list, not "
              + request.method()
              + " "
              + path);
    }
    Optional<String> principal =
        request
            .header("authorization")
            .filter(h -> h.startsWith("Bearer "))
            .flatMap(h -> tokens.principal(h.substring("Bearer ".length()).strip()));
    if (principal.isEmpty()) {
      counters.recordCall(operation, CallCounters.UNKNOWN_ACCOUNT);
      return GcpErrors.unauthenticated();
    }
    counters.recordCall(operation, project);
    Map<String, String> query = request.queryParameters();
    int page = decodeToken(query.get("pageToken")).map(t -> t.page()).orElse(1);
    FaultDecision fault = faults.decide(operation, project, "global", page);
    sleep(fault.latencyMillis());
    if (fault.fails()) {
      counters.recordInjectedFault(operation, project);
      return switch (fault.failure()) {
        case THROTTLE -> rateLimited();
        case DENY -> GcpErrors.forbidden("bigquery.jobs.create", project);
        default -> GcpErrors.backendError();
      };
    }
    try {
      return switch (operation) {
        case QUERY -> query(project, request);
        case GET_QUERY_RESULTS -> queryResults(project, results.group(2), query);
        case GET_JOB -> getJob(project, job.group(2));
        default -> tableData(data.group(2), data.group(3), query);
      };
    } catch (IllegalArgumentException e) {
      return GcpErrors.compute(400, "INVALID_ARGUMENT", "global", "invalidQuery", e.getMessage());
    }
  }

  /** BigQuery's answer to a rate limit: 403 {@code rateLimitExceeded}, as its docs describe. */
  private static SandboxResponse rateLimited() {
    return GcpErrors.compute(
        403,
        "PERMISSION_DENIED",
        "usageLimits",
        "rateLimitExceeded",
        "Exceeded rate limits: too many api requests per user per method for this user_method."
            + " For more information, see"
            + " https://cloud.google.com/bigquery/docs/troubleshoot-quotas");
  }

  private SandboxResponse query(String project, SandboxRequest request) {
    JsonNode body;
    try {
      body = GcpErrors.JSON.readTree(bodyOf(request));
    } catch (IOException e) {
      throw new IllegalArgumentException("the request body is not JSON");
    }
    if (body == null || !body.path("query").isTextual()) {
      throw new IllegalArgumentException("Required parameter is missing: query");
    }
    if (body.path("useLegacySql").asBoolean(true)) {
      throw new IllegalArgumentException(
          "the sandbox runs standard SQL only (useLegacySql: false)");
    }
    String sql = body.path("query").asText();
    Optional<String> table = estate.gcp().billingExportTable();
    if (table.isEmpty() || !sql.contains("`" + table.get() + "`")) {
      return GcpErrors.compute(
          404,
          "NOT_FOUND",
          "global",
          "notFound",
          "Not found: the query names no table of this sandbox; its billing export is "
              + table.map(t -> "`" + t + "`").orElse("absent (no GCP projects)"));
    }
    for (String column : COLUMNS) {
      if (!sql.matches("(?is).*\\bAS\\s+" + column + "\\b.*")) {
        throw new IllegalArgumentException(
            "the sandbox answers the columns " + COLUMNS + "; the query does not select " + column);
      }
    }
    Map<String, String> parameters = new HashMap<>();
    for (JsonNode parameter : body.path("queryParameters")) {
      String type = parameter.path("parameterType").path("type").asText("");
      if (!type.equals("DATE")) {
        throw new IllegalArgumentException(
            "query parameter @" + parameter.path("name").asText() + " must be a DATE, not " + type);
      }
      parameters.put(
          parameter.path("name").asText(), parameter.path("parameterValue").path("value").asText());
    }
    LocalDate start = date(parameters, "start");
    LocalDate end = date(parameters, "end");
    LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
    LocalDate served = end.isAfter(tomorrow) ? tomorrow : end;
    List<String> projectIds = estate.gcp().projects().stream().map(p -> p.projectId()).toList();
    List<DailyCost> costs =
        served.isAfter(start) ? estate.gcpCosts().costs(start, served, projectIds) : List.of();
    String currency = estate.gcpCosts().currency();
    List<List<String>> rows =
        costs.stream()
            .map(
                c ->
                    List.of(
                        c.date().toString(),
                        c.accountId(),
                        c.service(),
                        currency,
                        c.amount().toPlainString()))
            .toList();
    int pageRows = body.path("maxResults").asInt(DEFAULT_PAGE_ROWS);
    if (pageRows < 1) {
      pageRows = DEFAULT_PAGE_ROWS;
    }
    String jobId = "job_sandbox_" + jobNumbers.incrementAndGet();
    QueryJob job = new QueryJob(project, jobId, sql, rows, pageRows);
    jobs.put(jobId, job);
    ObjectNode response = resultPage(job, 0, pageRows);
    response.put("kind", "bigquery#queryResponse");
    response.put("queryId", jobId);
    return GcpErrors.json(200, response);
  }

  /** The request body, gunzipped: Google's HTTP client gzips request content by default. */
  private static byte[] bodyOf(SandboxRequest request) throws IOException {
    boolean gzip =
        request.header("content-encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false);
    if (!gzip) {
      return request.body();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
      return in.readAllBytes();
    }
  }

  private SandboxResponse queryResults(
      String project, String jobId, Map<String, String> parameters) {
    QueryJob job = jobs.get(jobId);
    if (job == null || !job.projectId().equals(project)) {
      return GcpErrors.notFound("Job " + project + ":" + jobId);
    }
    int offset = decodeToken(parameters.get("pageToken")).map(t -> t.offset()).orElse(0);
    int pageRows = pageRows(parameters, job);
    ObjectNode response = resultPage(job, offset, pageRows);
    response.put("kind", "bigquery#getQueryResultsResponse");
    return GcpErrors.json(200, response);
  }

  private SandboxResponse getJob(String project, String jobId) {
    QueryJob job = jobs.get(jobId);
    if (job == null || !job.projectId().equals(project)) {
      return GcpErrors.notFound("Job " + project + ":" + jobId);
    }
    ObjectNode response = GcpErrors.JSON.createObjectNode();
    response.put("kind", "bigquery#job");
    response.put("id", project + ":US." + jobId);
    reference(response.putObject("jobReference"), job);
    ObjectNode configuration = response.putObject("configuration");
    configuration.put("jobType", "QUERY");
    ObjectNode queryConfig = configuration.putObject("query");
    queryConfig.put("query", job.sql());
    queryConfig.put("useLegacySql", false);
    queryConfig
        .putObject("destinationTable")
        .put("projectId", project)
        .put("datasetId", ANONYMOUS_DATASET)
        .put("tableId", jobId);
    response.putObject("status").put("state", "DONE");
    String millis = Long.toString(clock.millis());
    ObjectNode statistics = response.putObject("statistics");
    statistics.put("creationTime", millis).put("startTime", millis).put("endTime", millis);
    statistics
        .putObject("query")
        .put("totalBytesProcessed", "0")
        .put("cacheHit", false)
        .put("statementType", "SELECT");
    return GcpErrors.json(200, response);
  }

  private SandboxResponse tableData(String dataset, String table, Map<String, String> parameters) {
    QueryJob job = dataset.equals(ANONYMOUS_DATASET) ? jobs.get(table) : null;
    if (job == null) {
      return GcpErrors.notFound("Table " + dataset + "." + table);
    }
    int offset = decodeToken(parameters.get("pageToken")).map(t -> t.offset()).orElse(0);
    ObjectNode response = GcpErrors.JSON.createObjectNode();
    response.put("kind", "bigquery#tableDataList");
    response.put("totalRows", Integer.toString(job.rows().size()));
    int end = rows(response, job, offset, pageRows(parameters, job));
    if (end < job.rows().size()) {
      response.put("pageToken", new PageToken(job.jobId(), end, page(job, end)).encode());
    }
    return GcpErrors.json(200, response);
  }

  /** A jobs.query / getQueryResults body: schema, job reference, the page's rows, pageToken. */
  private ObjectNode resultPage(QueryJob job, int offset, int pageRows) {
    ObjectNode response = GcpErrors.JSON.createObjectNode();
    ArrayNode fields = response.putObject("schema").putArray("fields");
    for (int i = 0; i < COLUMNS.size(); i++) {
      fields
          .addObject()
          .put("name", COLUMNS.get(i))
          .put("type", TYPES.get(i))
          .put("mode", "NULLABLE");
    }
    reference(response.putObject("jobReference"), job);
    response.put("totalRows", Integer.toString(job.rows().size()));
    int end = rows(response, job, offset, pageRows);
    if (end < job.rows().size()) {
      response.put("pageToken", new PageToken(job.jobId(), end, page(job, end)).encode());
    }
    response.put("totalBytesProcessed", Long.toString(job.rows().size() * 64L));
    response.put("jobComplete", true);
    response.put("cacheHit", false);
    return response;
  }

  private static int rows(ObjectNode response, QueryJob job, int offset, int pageRows) {
    int from = Math.min(offset, job.rows().size());
    int end = Math.min(job.rows().size(), from + pageRows);
    ArrayNode rows = response.putArray("rows");
    for (List<String> row : job.rows().subList(from, end)) {
      ArrayNode cells = rows.addObject().putArray("f");
      row.forEach(v -> cells.addObject().put("v", v));
    }
    return end;
  }

  private static void reference(ObjectNode reference, QueryJob job) {
    reference.put("projectId", job.projectId()).put("jobId", job.jobId()).put("location", "US");
  }

  /** The page size of a follow-up request: its maxResults, else the query's own. */
  private static int pageRows(Map<String, String> parameters, QueryJob job) {
    try {
      int asked = Integer.parseInt(parameters.getOrDefault("maxResults", "0"));
      return asked > 0 ? asked : job.pageRows();
    } catch (NumberFormatException e) {
      return job.pageRows();
    }
  }

  private static int page(QueryJob job, int offset) {
    return offset / job.pageRows() + 1;
  }

  private static LocalDate date(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "the sandbox needs the DATE query parameter @" + name + " (window " + name + ")");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("@" + name + " '" + value + "' is not a DATE");
    }
  }

  /** Opaque to clients: the job, the offset of the next row and the page number. */
  private record PageToken(String jobId, int offset, int page) {
    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((jobId + ":" + offset + ":" + page).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Optional<PageToken> decodeToken(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
      return Optional.of(
          new PageToken(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
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
