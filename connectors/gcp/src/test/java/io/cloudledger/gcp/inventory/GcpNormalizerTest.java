package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkRoutingConfig;
import com.google.cloud.compute.v1.Subnetwork;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcpNormalizerTest {

  @ParameterizedTest
  @CsvSource({
    "PROVISIONING, PENDING",
    "STAGING, STARTING",
    "RUNNING, RUNNING",
    "STOPPING, STOPPING",
    "SUSPENDING, STOPPING",
    "TERMINATED, STOPPED",
    "SUSPENDED, SUSPENDED",
    "REPAIRING, UNKNOWN",
    "SOMETHING_NEW, UNKNOWN"
  })
  void status_mapsComputeStatuses(String raw, ResourceStatus expected) {
    assertThat(GcpNormalizer.status(raw)).isEqualTo(expected);
  }

  @Test
  void instance_withoutNetworkInterfaceOrLabels_keepsOnlyWhatIsThere() {
    ResourceObservation o =
        GcpNormalizer.instance(
            Instance.newBuilder()
                .setId(-1L) // ids are unsigned 64-bit: the largest one
                .setName("big-id")
                .setZone("projects/p/zones/asia-east1-c")
                .setMachineType("zones/asia-east1-c/machineTypes/custom-4-16384")
                .setStatus("STAGING")
                .build());

    assertThat(o.resourceId()).isEqualTo("18446744073709551615");
    assertThat(o.region()).isEqualTo("asia-east1");
    assertThat(o.tags()).isEmpty();
    assertThat(o.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("machineType", "custom-4-16384", "zone", "asia-east1-c"));
  }

  @Test
  void networkAndSubnetwork_areAvailableWithTheirShortNames() {
    ResourceObservation network =
        GcpNormalizer.network(
            Network.newBuilder()
                .setId(5)
                .setName("default")
                .setAutoCreateSubnetworks(true)
                .setRoutingConfig(NetworkRoutingConfig.newBuilder().setRoutingMode("GLOBAL"))
                .build());
    ResourceObservation subnet =
        GcpNormalizer.subnetwork(
            Subnetwork.newBuilder()
                .setId(6)
                .setName("default")
                .setRegion("https://www.googleapis.com/compute/v1/projects/p/regions/us-west1")
                .setNetwork(
                    "https://www.googleapis.com/compute/v1/projects/p/global/networks/default")
                .setIpCidrRange("10.138.0.0/20")
                .build());

    assertThat(network.region()).isEqualTo("global");
    assertThat(network.status()).isEqualTo(ResourceStatus.AVAILABLE);
    assertThat(network.metadata())
        .containsEntry("routingMode", "GLOBAL")
        .containsEntry("autoCreateSubnetworks", "true");
    assertThat(subnet.region()).isEqualTo("us-west1");
    assertThat(subnet.metadata())
        .containsEntry("network", "default")
        .containsEntry("ipCidrRange", "10.138.0.0/20");
  }

  @Test
  void regionOfZone_rejectsWhatIsNoZone() {
    assertThat(GcpNormalizer.regionOfZone("us-central1-f")).isEqualTo("us-central1");
    assertThatThrownBy(() -> GcpNormalizer.regionOfZone("global"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
