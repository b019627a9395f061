package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.AzureEndpoints;
import io.cloudledger.core.inventory.ListingReport;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Serves Azure's published example response of the VM list operation (from the REST API specs,
 * {@code src/test/resources/azure-examples/}) to the connector's real SDK client and checks the
 * normalized records, so a connector that only works against the sandbox's shapes fails here.
 */
class VendorExampleTest {
  private static final String SUBSCRIPTION = "3f2c5b1e-8d4a-4b7e-9a10-5c6d7e8f9a0b";
  private static final String EXAMPLE =
      "/azure-examples/VirtualMachine_ListBySubscription_ByLocation.json";

  @Test
  void listVms_ofThePublishedExampleResponse_normalizesEveryVm() throws IOException {
    byte[] body = exampleBody();
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      TokenCredential staticToken =
          request -> Mono.just(new AccessToken("example-token", OffsetDateTime.now().plusHours(1)));
      AzureClients clients =
          AzureClients.create(
              "vendor-example",
              staticToken,
              AzureEndpoints.of(Optional.of(endpoint), Optional.empty()),
              Optional.empty(),
              List.of(SUBSCRIPTION),
              SandboxAzure.FAST.clients());
      AzureInventorySource source = new AzureInventorySource(clients, SandboxAzure.FAST);
      List<ResourcePage> pages = new CopyOnWriteArrayList<>();

      ListingReport report =
          source.list(
              AccountKey.of(Provider.AZURE, SUBSCRIPTION), Set.of(ResourceType.VM), pages::add);

      assertThat(report.outcomes())
          .singleElement()
          .satisfies(o -> assertThat(o.complete()).isTrue());
      assertThat(report.apiCalls()).isOne();
      assertThat(requests)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r)
                      .startsWith(
                          "/subscriptions/"
                              + SUBSCRIPTION
                              + "/providers/Microsoft.Compute/virtualMachines?")
                      .contains("statusOnly=true")
                      .endsWith("Bearer example-token"));
      ResourceObservation expected =
          new ResourceObservation(
              ResourceType.VM,
              "eastus",
              "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
                  + "Microsoft.Compute/virtualMachines/{virtualMachineName}",
              "{virtualMachineName}",
              // The example carries no instance view: the power state is unknown, not guessed.
              ResourceStatus.UNKNOWN,
              "",
              Map.of("RG", "rg", "testTag", "1"),
              Map.of(
                  "resourceGroup", "{resourceGroupName}",
                  "vmSize", "Standard_A0",
                  "osType", "Windows",
                  "vmId", "{vmId}",
                  "provisioningState", "Succeeded"));
      assertThat(pages)
          .singleElement()
          .satisfies(page -> assertThat(page.observations()).containsExactly(expected, expected));
    } finally {
      server.stop(0);
    }
  }

  private static byte[] exampleBody() throws IOException {
    try (InputStream in = VendorExampleTest.class.getResourceAsStream(EXAMPLE)) {
      JsonNode example = new ObjectMapper().readTree(in);
      return example
          .path("responses")
          .path("200")
          .path("body")
          .toString()
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
