package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.azure.AzureRoute;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Azure AD token endpoint and ARM list operations, over raw HTTP. */
class AzureRouteTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VMS = "/providers/Microsoft.Compute/virtualMachines";
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withAzure(
                    AzureSandboxOptions.none()
                        .withSubscriptions(2)
                        .withPageSize(7)
                        .withRetryAfterSeconds(3)));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static AzureSubscription first() {
    return sandbox.estate().azure().subscriptions().getFirst();
  }

  @Test
  void token_forThePrincipal_issuesABearerToken() throws Exception {
    HttpResponse<String> response = token(sandbox.azurePrincipal().clientSecret());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asInt()).isPositive();
    assertThat(body.path("access_token").asText()).isNotBlank();
  }

  @Test
  void token_withAWrongSecret_isInvalidClientWithoutEchoingIt() throws Exception {
    HttpResponse<String> response = token("wrong-secret-123");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_client");
    assertThat(response.body()).doesNotContain("wrong-secret-123");
  }

  @Test
  void arm_withoutOrWithUnknownToken_is401WithArmErrorBody() throws Exception {
    HttpResponse<String> missing = get(vmsUri(first(), ""), null);
    HttpResponse<String> unknown = get(vmsUri(first(), ""), "made-up");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(code(missing)).isEqualTo("AuthenticationFailed");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(code(unknown)).isEqualTo("InvalidAuthenticationToken");
  }

  @Test
  void listVms_followingNextLink_returnsEveryVmOnceWithItsPowerState() throws Exception {
    String token = accessToken();
    Set<String> seen = new HashSet<>();
    URI next = vmsUri(first(), "&statusOnly=true");
    int pages = 0;
    while (next != null) {
      HttpResponse<String> response = get(next, token);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(response.body());
      for (JsonNode vm : body.path("value")) {
        assertThat(seen.add(vm.path("id").asText())).isTrue();
        assertThat(vm.at("/properties/instanceView/statuses/1/code").asText())
            .startsWith("PowerState/");
        assertThat(vm.at("/properties/storageProfile/osDisk/managedDisk/id").asText())
            .contains("/providers/Microsoft.Compute/disks/");
      }
      pages++;
      String link = body.path("nextLink").asText(null);
      // ARM's nextLink is absolute https; the sandbox itself speaks plain http.
      next = link == null ? null : URI.create(link.replaceFirst("^https:", "http:"));
    }

    assertThat(seen).hasSize(first().vms().size());
    assertThat(pages).isEqualTo((first().vms().size() + 6) / 7);
    assertThat(
            sandbox
                .counters()
                .calls(AzureRoute.VIRTUAL_MACHINES_LIST_ALL, first().subscriptionId()))
        .isGreaterThanOrEqualTo(pages);
  }

  @Test
  void list_withAnUnsupportedApiVersion_isInvalidApiVersionParameter() throws Exception {
    URI uri =
        URI.create(
            sandbox.endpoints().base()
                + "/subscriptions/"
                + first().subscriptionId()
                + VMS
                + "?api-version=2015-06-15");

    HttpResponse<String> response = get(uri, accessToken());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(code(response)).isEqualTo("InvalidApiVersionParameter");
  }

  @Test
  void list_ofAnUnknownSubscription_isSubscriptionNotFound() throws Exception {
    URI uri =
        URI.create(
            sandbox.endpoints().base()
                + "/subscriptions/00000000-0000-0000-0000-000000000000"
                + VMS
                + "?api-version=2025-04-01");

    HttpResponse<String> response = get(uri, accessToken());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(code(response)).isEqualTo("SubscriptionNotFound");
  }

  @Test
  void injectedFaults_answerWithArmsStatusesAndCodes() throws Exception {
    String token = accessToken();
    String sub = first().subscriptionId();
    sandbox
        .faults()
        .replace(
            FaultPlan.parse(
                "VirtualMachines_ListAll@"
                    + sub
                    + ":throttle=first1;StorageAccounts_List:deny;VirtualNetworks_ListAll:error5xx=first1"));

    HttpResponse<String> throttled = get(vmsUri(first(), ""), token);
    HttpResponse<String> denied =
        get(
            URI.create(
                sandbox.endpoints().base()
                    + "/subscriptions/"
                    + sub
                    + "/providers/Microsoft.Storage/storageAccounts?api-version=2025-06-01"),
            token);
    HttpResponse<String> failed =
        get(
            URI.create(
                sandbox.endpoints().base()
                    + "/subscriptions/"
                    + sub
                    + "/providers/Microsoft.Network/virtualNetworks?api-version=2025-03-01"),
            token);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(code(throttled)).isEqualTo("SubscriptionRequestsThrottled");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(code(denied)).isEqualTo("AuthorizationFailed");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(code(failed)).isEqualTo("InternalServerError");
    assertThat(get(vmsUri(first(), ""), token).statusCode()).isEqualTo(200);
  }

  @Test
  void listSubscriptions_returnsEveryEstateSubscription() throws Exception {
    HttpResponse<String> response =
        get(
            URI.create(sandbox.endpoints().base() + "/subscriptions?api-version=2022-12-01"),
            accessToken());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).findValuesAsText("subscriptionId"))
        .containsExactlyElementsOf(
            sandbox.estate().azure().subscriptions().stream()
                .map(AzureSubscription::subscriptionId)
                .toList());
  }

  @Test
  void sigV4SignedRequests_neverReachTheAzureRoute() throws Exception {
    HttpResponse<String> response =
        RawAws.get(
            URI.create(sandbox.endpoints().base() + "/subscriptions"),
            RawAws.authorization(sandbox.managementKeys().accessKeyId(), "us-east-1", "ec2"));

    assertThat(response.body()).doesNotContain("\"error\":{\"code\"");
  }

  private static URI vmsUri(AzureSubscription subscription, String extraQuery) {
    return URI.create(
        sandbox.endpoints().base()
            + "/subscriptions/"
            + subscription.subscriptionId()
            + VMS
            + "?api-version=2025-04-01"
            + extraQuery);
  }

  private static String accessToken() throws IOException {
    try {
      return JSON.readTree(token(sandbox.azurePrincipal().clientSecret()).body())
          .path("access_token")
          .asText();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static HttpResponse<String> token(String secret)
      throws IOException, InterruptedException {
    AzurePrincipal principal = sandbox.azurePrincipal();
    String form =
        "grant_type=client_credentials&client_id="
            + principal.clientId()
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode(
                "https://management.core.windows.net//.default", StandardCharsets.UTF_8);
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    sandbox.endpoints().base() + "/" + principal.tenantId() + "/oauth2/v2.0/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String code(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("error").path("code").asText();
  }

  private static HttpResponse<String> post(URI uri, String token, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI costQueryUri(AzureSubscription subscription) {
    return URI.create(
        sandbox.endpoints().base()
            + "/subscriptions/"
            + subscription.subscriptionId()
            + "/providers/Microsoft.CostManagement/query?api-version=2023-03-01");
  }

  private static String costQuery(String grouping) {
    return """
        {"type": "ActualCost", "timeframe": "Custom",
         "timePeriod": {"from": "2026-03-01T00:00:00Z", "to": "2026-03-03T23:59:59Z"},
         "dataset": {"granularity": "Daily",
                     "aggregation": {"totalCost": {"name": "PreTaxCost", "function": "Sum"}},
                     "grouping": [{"type": "Dimension", "name": "%s"}]}}
        """
        .formatted(grouping);
  }

  @Test
  void costQuery_pagesByNextLink_inTheColumnsRowsShape_toExactlyTheLedger() throws Exception {
    String token = accessToken();
    URI next = costQueryUri(first());
    List<JsonNode> rows = new java.util.ArrayList<>();
    int pages = 0;
    while (next != null) {
      HttpResponse<String> response = post(next, token, costQuery("ServiceName"));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode properties = JSON.readTree(response.body()).path("properties");
      assertThat(properties.path("columns"))
          .extracting(c -> c.path("name").asText())
          .containsExactly("PreTaxCost", "UsageDate", "ServiceName", "Currency");
      properties.path("rows").forEach(rows::add);
      pages++;
      String link = properties.path("nextLink").asText("");
      next = link.isEmpty() ? null : URI.create(link.replaceFirst("^https:", "http:"));
    }
    var expected =
        sandbox
            .estate()
            .azureCosts()
            .costs(
                java.time.LocalDate.parse("2026-03-01"),
                java.time.LocalDate.parse("2026-03-04"),
                List.of(first().subscriptionId()));
    assertThat(rows).hasSize(expected.size());
    assertThat(pages).isEqualTo((expected.size() + 6) / 7);
    JsonNode row = rows.getFirst();
    assertThat(row.get(1).asLong()).isEqualTo(20260301L);
    assertThat(row.get(0).decimalValue()).isEqualByComparingTo(expected.getFirst().amount());
    assertThat(row.get(3).asText()).isEqualTo("USD");
  }

  @Test
  void costQuery_groupedByAnotherDimension_isBadRequestNamingIt() throws Exception {
    HttpResponse<String> response =
        post(costQueryUri(first()), accessToken(), costQuery("ResourceGroup"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
        .isEqualTo("BadRequest");
    assertThat(response.body()).contains("ServiceName");
  }

  @Test
  void costQuery_whenThrottled_sendsCostManagementRetryAfterHeaders_notRetryAfter()
      throws Exception {
    sandbox.faults().replace(FaultPlan.parse("Query_Usage:throttle=1"));
    HttpResponse<String> response =
        post(costQueryUri(first()), accessToken(), costQuery("ServiceName"));
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(
            response
                .headers()
                .firstValue("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"))
        .contains("3");
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
  }
}
