package io.cloudledger.sandbox.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpInstance;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.estate.GcpZones;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GCP routes over plain HTTP, as Google's clients see them: the JWT-bearer token grant signed
 * with the key file's private key, then Compute JSON pages.
 */
class GcpComputeConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Sandbox sandbox;
  private static GcpProject project;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(2)
                .withResourcesPerAccount(120));
    project = sandbox.estate().gcp().projects().getFirst();
    HttpResponse<String> grant = grant(sandbox.gcpServiceAccountKey(), "cloud-platform");
    assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(grant.body());
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asInt()).isEqualTo(3599);
    token = body.get("access_token").asText();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().replace(FaultPlan.none());
  }

  @Test
  void aggregatedInstances_pagedByMaxResults_returnEveryInstanceOnceKeyedByZone() throws Exception {
    List<String> ids = new ArrayList<>();
    String pageToken = "";
    int pages = 0;
    do {
      JsonNode page =
          get(instancesPath(project.projectId()) + "?maxResults=7&pageToken=" + pageToken, 200);
      pages++;
      assertThat(page.get("kind").asText()).isEqualTo("compute#instanceAggregatedList");
      page.get("items")
          .properties()
          .forEach(
              scope -> {
                assertThat(scope.getKey()).startsWith("zones/");
                JsonNode value = scope.getValue();
                if (value.has("instances")) {
                  for (JsonNode instance : value.get("instances")) {
                    assertThat(instance.get("zone").asText()).endsWith("/" + scope.getKey());
                    ids.add(instance.get("id").asText());
                  }
                } else {
                  assertThat(value.at("/warning/code").asText()).isEqualTo("NO_RESULTS_ON_PAGE");
                  assertThat(value.at("/warning/data/0/value").asText()).isEqualTo(scope.getKey());
                }
              });
      pageToken = page.path("nextPageToken").asText("");
    } while (!pageToken.isEmpty());

    assertThat(ids)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            project.instances().stream().map(i -> Long.toUnsignedString(i.id())).toList());
    assertThat(pages).isEqualTo((project.instances().size() + 6) / 7);
    assertThat(sandbox.counters().calls("instances.aggregatedList", project.projectId()))
        .isGreaterThanOrEqualTo(pages);
  }

  @Test
  void instance_hasComputeShape() throws Exception {
    JsonNode page = get(instancesPath(project.projectId()), 200);
    GcpInstance expected = project.instances().getFirst();
    List<JsonNode> all = new ArrayList<>();
    page.at("/items/zones~1" + expected.zone() + "/instances").forEach(all::add);
    JsonNode match =
        all.stream()
            .filter(i -> i.get("id").asText().equals(Long.toUnsignedString(expected.id())))
            .findFirst()
            .orElseThrow();
    assertThat(match.get("kind").asText()).isEqualTo("compute#instance");
    assertThat(match.get("name").asText()).isEqualTo(expected.name());
    assertThat(match.get("status").asText()).isEqualTo(expected.status());
    assertThat(match.get("machineType").asText())
        .isEqualTo(
            "https://www.googleapis.com/compute/v1/projects/"
                + project.projectId()
                + "/zones/"
                + expected.zone()
                + "/machineTypes/"
                + expected.machineType());
    assertThat(match.at("/networkInterfaces/0/networkIP").asText()).isEqualTo(expected.networkIp());
    assertThat(match.get("creationTimestamp").asText()).matches(".*T.*\\.\\d{3}-08:00");
  }

  @Test
  void networksAndSubnetworks_listEveryOne() throws Exception {
    JsonNode networks = get(base(project.projectId()) + "/global/networks", 200);
    JsonNode subnetworks = get(base(project.projectId()) + "/aggregated/subnetworks", 200);

    assertThat(networks.get("kind").asText()).isEqualTo("compute#networkList");
    assertThat(networks.get("items")).hasSize(project.networks().size());
    Set<String> subnetIds = new HashSet<>();
    subnetworks
        .get("items")
        .properties()
        .forEach(
            e -> {
              assertThat(e.getKey()).startsWith("regions/");
              e.getValue().path("subnetworks").forEach(s -> subnetIds.add(s.get("id").asText()));
            });
    assertThat(subnetIds).hasSize(project.subnetworks().size());
  }

  @Test
  void unreachableZone_isReportedAndItsInstancesLeftOut() throws Exception {
    String zone = project.instances().getFirst().zone();
    sandbox
        .faults()
        .replace(
            FaultPlan.parse(
                "instances.aggregatedList@" + project.projectId() + "/" + zone + ":unreachable"));

    JsonNode page = get(instancesPath(project.projectId()) + "?returnPartialSuccess=true", 200);

    assertThat(page.get("unreachables"))
        .extracting(JsonNode::asText)
        .containsExactly("zones/" + zone);
    assertThat(page.at("/items/zones~1" + zone + "/warning/code").asText())
        .isEqualTo("UNREACHABLE");
    assertThat(page.at("/items/zones~1" + zone + "/instances").isMissingNode()).isTrue();
    assertThat(GcpZones.ALL).contains(zone);
  }

  @Test
  void faults_answerGoogleErrorShapes() throws Exception {
    String path = instancesPath(project.projectId());
    sandbox.faults().replace(FaultPlan.parse("instances.aggregatedList:throttle=first2"));
    JsonNode first = get(path, -1);
    JsonNode second = get(path, -1);
    assertThat(List.of(first.at("/error/code").asInt(), second.at("/error/code").asInt()))
        .containsExactlyInAnyOrder(403, 429);
    assertThat(first.at("/error/errors/0/reason").asText()).isEqualTo("rateLimitExceeded");

    sandbox.faults().replace(FaultPlan.parse("networks.list:deny"));
    JsonNode denied = get(base(project.projectId()) + "/global/networks", 403);
    assertThat(denied.at("/error/errors/0/reason").asText()).isEqualTo("forbidden");
    assertThat(denied.at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");

    sandbox.faults().replace(FaultPlan.parse("subnetworks.aggregatedList:error5xx=first1"));
    assertThat(
            get(base(project.projectId()) + "/aggregated/subnetworks", 503)
                .at("/error/errors/0/reason")
                .asText())
        .isEqualTo("backendError");
  }

  @Test
  void unknownTokenOrProject_areRejected() throws Exception {
    HttpResponse<String> unauthenticated =
        HTTP.send(
            HttpRequest.newBuilder(
                    sandbox.gcpEndpoint().resolve(instancesPath(project.projectId())))
                .header("Authorization", "Bearer ya29.not-issued")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(unauthenticated.body()).at("/error/status").asText())
        .isEqualTo("UNAUTHENTICATED");

    assertThat(get(instancesPath("no-such-project"), 404).at("/error/errors/0/reason").asText())
        .isEqualTo("notFound");
  }

  @Test
  void tokenGrant_signedWithAnotherKeyOrUnscoped_isRefused() throws Exception {
    String foreign =
        GcpServiceAccount.create("other-project")
            .keyJson("other-project", URI.create("http://x/token"));
    HttpResponse<String> forged = grant(foreign, "cloud-platform");
    HttpResponse<String> unscoped = grant(sandbox.gcpServiceAccountKey(), "");

    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(forged.body()).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(unscoped.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unscoped.body()).get("error").asText()).isEqualTo("invalid_scope");
  }

  private static String base(String projectId) {
    return "/compute/v1/projects/" + projectId;
  }

  private static String instancesPath(String projectId) {
    return base(projectId) + "/aggregated/instances";
  }

  /** GETs a Compute path with the access token; {@code status} -1 accepts any. */
  private static JsonNode get(String pathAndQuery, int status) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(sandbox.gcpEndpoint().resolve(pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (status >= 0) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }
    return JSON.readTree(response.body());
  }

  /** The service-account JWT-bearer grant, signed as google-auth-library signs it. */
  static HttpResponse<String> grant(String keyJson, String scope) throws Exception {
    JsonNode key = JSON.readTree(keyJson);
    String pem =
        key.get("private_key").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey privateKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header =
        url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        url.encodeToString(
            JSON.writeValueAsBytes(
                java.util.Map.of(
                    "iss",
                    key.get("client_email").asText(),
                    "scope",
                    scope,
                    "aud",
                    "https://oauth2.googleapis.com/token",
                    "iat",
                    1_767_225_600L,
                    "exp",
                    1_767_229_200L)));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(privateKey);
    rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    String jwt = header + "." + claims + "." + url.encodeToString(rs256.sign());
    String form =
        "grant_type="
            + URLEncoder.encode(
                "urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
            + "&assertion="
            + jwt;
    return HTTP.send(
        HttpRequest.newBuilder(sandbox.gcpEndpoint().resolve("/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
