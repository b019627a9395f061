package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.core.model.Scope;
import io.cloudledger.sandbox.gcp.GcpServiceAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Serves a Compute {@code instances.aggregatedList} response in the shape of Google's v1 reference
 * (see {@code gcp-samples/README.md}) to the real client and checks the normalized records.
 */
class GcpVendorSampleTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serveSample() throws IOException {
    byte[] sample;
    try (InputStream in =
        getClass().getResourceAsStream("/gcp-samples/instances-aggregatedList.json")) {
      sample = in.readAllBytes();
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          if (exchange.getRequestURI().getPath().equals("/token")) {
            reply(
                exchange,
                "{\"access_token\":\"ya29.sample\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"
                    .getBytes(StandardCharsets.UTF_8));
          } else {
            reply(exchange, sample);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void list_ofPublishedAggregatedListShape_normalizesEachInstance() {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    String key =
        GcpServiceAccount.create("example-project")
            .keyJson("example-project", base.resolve("/token"));
    String yaml =
        "cloud_sessions:\n  - name: sample\n    session_type: gcp\n    credentials: SEC/"
            + SandboxGcp.KEY_SECRET
            + "\n    project_ids: [example-project]\n    endpoint_url: "
            + base
            + "\n";
    var session =
        (io.cloudledger.core.config.GcpSession)
            io.cloudledger.core.config.ConfigLoader.parse(
                    yaml, java.nio.file.Path.of("sample.yaml"))
                .sessions()
                .getFirst();
    List<ResourcePage> pages = new CopyOnWriteArrayList<>();

    ListingReport report;
    try (GcpInventorySource source =
        GcpInventorySource.create(session, SandboxGcp.resolver(key), SandboxGcp.FAST)) {
      report = source.list(source.accountKeys().getFirst(), Set.of(ResourceType.VM), pages::add);
    }

    assertThat(report.outcomes()).singleElement().satisfies(o -> assertThat(o.complete()).isTrue());
    assertThat(pages)
        .singleElement()
        .extracting(ResourcePage::scope)
        .isEqualTo(Scope.allRegions(ResourceType.VM));
    assertThat(pages.getFirst().observations())
        .containsExactlyInAnyOrder(
            new ResourceObservation(
                ResourceType.VM,
                "us-central1",
                "7755185312345678901",
                "example-instance",
                ResourceStatus.RUNNING,
                "RUNNING",
                Map.of("env", "prod", "team", "web"),
                Map.of(
                    "machineType", "e2-medium",
                    "zone", "us-central1-a",
                    "creationTimestamp", "2024-05-14T16:21:37.412Z",
                    "network", "default",
                    "subnetwork", "default",
                    "privateIpAddress", "10.128.0.2",
                    "publicIpAddress", "34.123.45.67")),
            new ResourceObservation(
                ResourceType.VM,
                "europe-west1",
                "1093826164239488123",
                "batch-worker-1",
                ResourceStatus.STOPPED,
                "TERMINATED",
                Map.of(),
                Map.of(
                    "machineType", "n2-standard-4",
                    "zone", "europe-west1-d",
                    "creationTimestamp", "2023-11-02T09:04:11.093Z",
                    "network", "batch",
                    "subnetwork", "batch-eu",
                    "privateIpAddress", "10.132.0.7")));
    assertThat(requests)
        .anyMatch(r -> r.startsWith("POST /token"))
        .anyMatch(
            r ->
                r.startsWith("GET /compute/v1/projects/example-project/aggregated/instances")
                    && r.contains("returnPartialSuccess=true")
                    && r.contains("maxResults=500"));
  }
}
