package io.cloudledger.gcp.cost;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableResult;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.cost.CostFetch;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSource;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.gcp.session.GcpClientSettings;
import io.cloudledger.gcp.session.GcpClients;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@link CostSource} of one Cloud Billing export table in BigQuery ({@code
 * billing_export_table: project.dataset.gcp_billing_export_v1_XXXX} on a GCP session): one
 * parameterized standard-SQL query, through {@code google-cloud-bigquery}, returns the daily cost
 * per {@code project.id} and {@code service.description} of every project billed to the account,
 * credits included. Like an AWS payer, one query per export covers all its projects, however many
 * sessions or projects are configured; rows get the project's key, {@code gcp#<projectId>}.
 *
 * <p>Amounts are summed as {@code NUMERIC} in BigQuery (the export's {@code cost} and {@code
 * credits.amount} are FLOAT64, so a FLOAT64 sum could drift) and read from BigQuery's JSON, where
 * every value is a string, into {@link java.math.BigDecimal}.
 */
public final class GcpBillingExportCostSource implements CostSource {
  /** The validated shape of an export table: {@code project.dataset.table}. */
  static final Pattern TABLE =
      Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]\\.[A-Za-z0-9_]{1,1024}\\.[A-Za-z0-9_]{1,1024}");

  /**
   * Daily sums per project and service, credits (negative amounts) included. {@code
   * usage_start_time} selects the window; the partition filter lets BigQuery prune the table (rows
   * land in the partition of the day they were exported, never before their usage day).
   */
  static final String QUERY_TEMPLATE =
      """
      SELECT
        DATE(usage_start_time) AS usage_date,
        project.id AS project_id,
        service.description AS service,
        currency AS currency,
        SUM(CAST(cost AS NUMERIC))
          + SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0))
          AS cost
      FROM `%s`
      WHERE usage_start_time >= TIMESTAMP(@start)
        AND usage_start_time < TIMESTAMP(@end)
        AND DATE(_PARTITIONTIME) >= DATE_SUB(@start, INTERVAL 1 DAY)
        AND project.id IS NOT NULL
      GROUP BY usage_date, project_id, service, currency
      ORDER BY usage_date, project_id, service
      """;

  /** Rows per result page (BigQuery's own limit is by bytes; this keeps pages small). */
  public static final long DEFAULT_PAGE_ROWS = 1_000;

  private final String sessionName;
  private final String table;
  private final BigQuery bigQuery;
  private final GcpClientSettings retries;
  private final long pageRows;
  private final Clock clock;

  private GcpBillingExportCostSource(
      String sessionName,
      String table,
      BigQuery bigQuery,
      GcpClientSettings retries,
      long pageRows,
      Clock clock) {
    this.sessionName = sessionName;
    this.table = table;
    this.bigQuery = bigQuery;
    this.retries = retries;
    this.pageRows = pageRows;
    this.clock = clock;
  }

  /**
   * The source of {@code session}'s billing export, if it names one: the query runs as a job in the
   * export table's project, with the session's credential and endpoint ({@code clients}).
   */
  public static Optional<GcpBillingExportCostSource> forSession(
      GcpSession session, ConfigResolver resolver, GcpClients clients, Clock clock) {
    return forSession(session, resolver, clients, DEFAULT_PAGE_ROWS, clock);
  }

  /** Like {@link #forSession(GcpSession, ConfigResolver, GcpClients, Clock)} with a page size. */
  public static Optional<GcpBillingExportCostSource> forSession(
      GcpSession session, ConfigResolver resolver, GcpClients clients, long pageRows, Clock clock) {
    Optional<String> table = resolver.resolveOptionalText(session.billingExportTable());
    if (table.isEmpty()) {
      return Optional.empty();
    }
    if (!TABLE.matcher(table.get()).matches()) {
      // A literal was checked by the config reader; an ENV/ or SEC/ value is checked here.
      throw new PermanentException(
          "invalid-config",
          "GCP session '"
              + session.name()
              + "': billing_export_table is not a BigQuery table like"
              + " project.dataset.gcp_billing_export_v1_XXXX");
    }
    String project = table.get().substring(0, table.get().indexOf('.'));
    BigQueryOptions.Builder options =
        BigQueryOptions.newBuilder()
            .setProjectId(project)
            .setCredentials(clients.credentials())
            .setRetrySettings(retrySettings(clients.settings()));
    clients.endpoint().ifPresent(uri -> options.setHost(uri.toString()));
    return Optional.of(
        new GcpBillingExportCostSource(
            session.name(),
            table.get(),
            options.build().getService(),
            clients.settings(),
            pageRows,
            clock));
  }

  private static RetrySettings retrySettings(GcpClientSettings settings) {
    return RetrySettings.newBuilder()
        .setMaxAttempts(settings.maxAttempts())
        .setInitialRetryDelayDuration(settings.initialBackoff())
        .setRetryDelayMultiplier(2.0)
        .setMaxRetryDelayDuration(settings.maxBackoff())
        .setInitialRpcTimeoutDuration(settings.attemptTimeout())
        .setMaxRpcTimeoutDuration(settings.attemptTimeout())
        .setRpcTimeoutMultiplier(1.0)
        .setTotalTimeoutDuration(settings.attemptTimeout().multipliedBy(settings.maxAttempts()))
        .build();
  }

  /** The export table, {@code project.dataset.table}. */
  public String table() {
    return table;
  }

  @Override
  public String describe() {
    return "gcp billing export " + table + " (GCP session '" + sessionName + "')";
  }

  /** The standard-SQL text sent (the table is validated; the window goes in as parameters). */
  String sql() {
    return QUERY_TEMPLATE.formatted(table);
  }

  /** Every page of the window; {@link CostFetch#requests()} counts the result pages read. */
  @Override
  public CostFetch fetch(CostWindow window) {
    QueryJobConfiguration query =
        QueryJobConfiguration.newBuilder(sql())
            .setUseLegacySql(false)
            .addNamedParameter("start", QueryParameterValue.date(window.start().toString()))
            .addNamedParameter("end", QueryParameterValue.date(window.end().toString()))
            .setMaxResults(pageRows)
            .build();
    LocalDate firstEstimated =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(CostSync.REVISED_DAYS - 1L);
    List<CostRow> rows = new ArrayList<>();
    long pages = 0;
    try {
      TableResult page = withRetries(() -> bigQuery.query(query));
      while (page != null) {
        pages++;
        for (FieldValueList row : page.getValues()) {
          rows.add(row(row, firstEstimated));
        }
        TableResult current = page;
        page = current.hasNextPage() ? withRetries(current::getNextPage) : null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted", "interrupted while querying " + describe());
    } catch (BigQueryException e) {
      throw map(e);
    }
    return new CostFetch(rows, pages);
  }

  /** One BigQuery call. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws InterruptedException;
  }

  /**
   * Runs {@code call}, retrying rate limits and server errors with exponential backoff. The client
   * retries {@code jobs.query}'s rate limits itself but not those of {@code tabledata.list} (the
   * next pages), whose 403 {@code rateLimitExceeded} would otherwise fail the whole fetch.
   */
  private <T> T withRetries(Call<T> call) throws InterruptedException {
    Duration backoff = retries.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (BigQueryException e) {
        if (attempt >= retries.maxAttempts() || !retryable(e)) {
          throw e;
        }
      }
      Thread.sleep(backoff.toMillis());
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(retries.maxBackoff()) > 0 ? retries.maxBackoff() : doubled;
    }
  }

  private static boolean retryable(BigQueryException e) {
    String reason = e.getReason() == null ? "" : e.getReason();
    return e.getCode() == 429
        || e.getCode() >= 500
        || e.getCode() == 0
        || reason.equals("rateLimitExceeded")
        || reason.equals("backendError");
  }

  private CostRow row(FieldValueList row, LocalDate firstEstimated) {
    try {
      LocalDate date = LocalDate.parse(row.get("usage_date").getStringValue());
      return new CostRow(
          AccountKey.of(Provider.GCP, row.get("project_id").getStringValue()),
          date,
          row.get("service").getStringValue(),
          // BigQuery's JSON carries NUMERIC as a string: parsed exactly, never via a double.
          CostRow.parseAmount(row.get("cost").getStringValue()),
          row.get("currency").getStringValue(),
          !date.isBefore(firstEstimated));
    } catch (RuntimeException e) {
      throw new PermanentException(
          "unexpected-response",
          describe() + " returned a row that is not (date, project, service, currency, cost): " + e,
          e);
    }
  }

  private RuntimeException map(BigQueryException e) {
    String reason = e.getReason() == null ? "" : e.getReason();
    String message =
        "query of "
            + describe()
            + " failed: HTTP "
            + e.getCode()
            + (reason.isEmpty() ? "" : " " + reason)
            + ": "
            + e.getMessage();
    if (retryable(e)) {
      return new RetryableException("throttled-or-unavailable", message, e, Duration.ofSeconds(30));
    }
    return switch (e.getCode()) {
      case 401 -> new PermanentException("unauthenticated", message, e);
      case 403 -> new PermanentException("access-denied", message, e);
      case 404 -> new PermanentException("not-found", message, e);
      default -> new PermanentException("invalid-request", message, e);
    };
  }
}
