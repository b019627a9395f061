package io.cloudledger.azure.cost;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.AzureErrors;
import io.cloudledger.core.cost.CostFetch;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSource;
import io.cloudledger.core.cost.CostSync;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link CostSource} of one Azure subscription: Cost Management's {@code query} at scope {@code
 * subscriptions/{id}}, {@code ActualCost}, {@code Daily}, the configured cost column summed ({@code
 * PreTaxCost} by default), grouped by {@code ServiceName}, following {@code nextLink} (POSTed with
 * the same body). Sent through the session's own credential and HTTP client ({@link
 * AzureClients#armPipeline}) with {@link CostManagementRetryPolicy}, which waits as long as the
 * {@code x-ms-ratelimit-microsoft.costmanagement-*-retry-after} headers of a 429 ask.
 *
 * <p>Why not {@code azure-resourcemanager-costmanagement} 1.0.0-beta.7: its {@code usage(scope,
 * definition)} has no way to follow {@code nextLink}, it reads rows as untyped {@code
 * List<List<Object>>} whose decimals azure-json turns into {@code Double}, and the azure-core retry
 * policy it is built with ignores Cost Management's retry-after headers.
 */
public final class AzureCostSource implements CostSource {
  static final String OPERATION = "Query_Usage";
  private static final String TYPE = "ActualCost";

  private final AzureClients clients;
  private final String subscriptionId;
  private final AccountKey account;
  private final AzureCostSettings settings;
  private final Clock clock;
  private final HttpPipeline pipeline;

  private AzureCostSource(
      AzureClients clients, String subscriptionId, AzureCostSettings settings, Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.subscriptionId = subscriptionId.toLowerCase(Locale.ROOT);
    this.account = AccountKey.of(Provider.AZURE, this.subscriptionId);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    AzureClientSettings retries = clients.settings();
    this.pipeline =
        clients.armPipeline(
            new CostManagementRetryPolicy(
                retries.maxRetries(), retries.baseDelay(), retries.maxDelay()));
  }

  /** The source of {@code subscriptionId}, through {@code clients} (which the caller keeps). */
  public static AzureCostSource create(
      AzureClients clients, String subscriptionId, AzureCostSettings settings, Clock clock) {
    return new AzureCostSource(clients, subscriptionId, settings, clock);
  }

  /** One source per subscription of the session (configured, else listed once). */
  public static List<AzureCostSource> forEachSubscription(
      AzureClients clients, AzureCostSettings settings, Clock clock) {
    return clients.accounts().stream()
        .map(key -> create(clients, key.accountId(), settings, clock))
        .toList();
  }

  /** {@code azure#<subscriptionId>}. */
  public AccountKey account() {
    return account;
  }

  @Override
  public String describe() {
    return "azure subscription " + subscriptionId + " (" + clients.describeSession() + ")";
  }

  /** Every page of the window; {@link CostFetch#requests()} counts the pages (retries aside). */
  @Override
  public CostFetch fetch(CostWindow window) {
    clients.verifyCredential();
    String body = queryDefinition(window);
    String url =
        clients.resourceManagerEndpoint()
            + "subscriptions/"
            + subscriptionId
            + "/providers/Microsoft.CostManagement/query?api-version="
            + settings.apiVersion();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    // Azure flags no day as final; the days CostSync re-fetches are the ones it still revises.
    LocalDate firstEstimated = today.minusDays(CostSync.REVISED_DAYS - 1L);
    List<CostRow> rows = new ArrayList<>();
    long pages = 0;
    Optional<String> next = Optional.of(url);
    while (next.isPresent()) {
      byte[] answer = post(next.get(), body);
      pages++;
      CostQueryPage page;
      try {
        page =
            CostQueryPage.parse(
                answer, account, settings.aggregation(), day -> !day.isBefore(firstEstimated));
      } catch (IllegalArgumentException e) {
        throw new PermanentException(
            "unexpected-response", OPERATION + " on " + describe() + ": " + e.getMessage(), e);
      }
      rows.addAll(page.rows());
      next = page.nextLink();
    }
    return new CostFetch(rows, pages);
  }

  /** The QueryDefinition: {@code to} is inclusive in Cost Management, our window's end is not. */
  String queryDefinition(CostWindow window) {
    ObjectNode definition = CostQueryPage.JSON.createObjectNode();
    definition.put("type", TYPE);
    definition.put("timeframe", "Custom");
    definition
        .putObject("timePeriod")
        .put("from", window.start() + "T00:00:00Z")
        .put("to", window.end().minusDays(1) + "T23:59:59Z");
    ObjectNode dataset = definition.putObject("dataset");
    dataset.put("granularity", "Daily");
    dataset
        .putObject("aggregation")
        .putObject("totalCost")
        .put("name", settings.aggregation())
        .put("function", "Sum");
    dataset.putArray("grouping").addObject().put("type", "Dimension").put("name", "ServiceName");
    return definition.toString();
  }

  private byte[] post(String url, String body) {
    HttpRequest request =
        new HttpRequest(HttpMethod.POST, url)
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
            .setBody(BinaryData.fromString(body));
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      byte[] answer = response.getBodyAsBinaryData().toBytes();
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        throw failure(response, status, answer);
      }
      return answer;
    } catch (RuntimeException e) {
      throw AzureErrors.map(e, OPERATION, describe());
    }
  }

  private RuntimeException failure(HttpResponse response, int status, byte[] answer) {
    String code = "";
    String message = "";
    try {
      JsonNode error = CostQueryPage.JSON.readTree(answer).path("error");
      code = error.path("code").asText("");
      message = error.path("message").asText("");
    } catch (IOException | RuntimeException notJson) {
      // The status alone still says what happened.
    }
    String text =
        OPERATION
            + " on "
            + describe()
            + " answered HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (message.isEmpty() ? "" : ": " + message);
    if (status == 429) {
      return new RetryableException(
          "throttled",
          text,
          null,
          CostManagementRetryPolicy.costManagementRetryAfter(response).orElse(null));
    }
    if (status == 408 || status >= 500) {
      return new RetryableException("server-error", text);
    }
    return switch (status) {
      case 401 -> new PermanentException("authentication-failed", text);
      case 403 -> new PermanentException("access-denied", text);
      case 404 -> new PermanentException("not-found", text);
      default -> new PermanentException("invalid-request", text);
    };
  }
}
