package io.cloudledger.azure.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.model.ResourceStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureNormalizerTest {

  @ParameterizedTest
  @CsvSource({
    "PowerState/running, RUNNING",
    "PowerState/starting, STARTING",
    "PowerState/stopping, STOPPING",
    "PowerState/stopped, STOPPED",
    "PowerState/deallocating, STOPPING",
    "PowerState/deallocated, STOPPED",
    "PowerState/hibernated, UNKNOWN",
    "ProvisioningState/succeeded, UNKNOWN",
    "'', UNKNOWN"
  })
  void powerStatus_ofInstanceViewCode_isNormalized(String code, ResourceStatus expected) {
    assertThat(AzureNormalizer.powerStatus(code)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "Succeeded, AVAILABLE",
    "Creating, PENDING",
    "ResolvingDNS, PENDING",
    "Updating, PENDING",
    "Deleting, DELETING",
    "Failed, FAILED",
    "Somethingelse, UNKNOWN"
  })
  void provisioningStatus_ofArmState_isNormalized(String state, ResourceStatus expected) {
    assertThat(AzureNormalizer.provisioningStatus(state)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"eastus, eastus", "East US, eastus", "West Europe, westeurope", "'', global"})
  void region_ofArmLocation_isItsShortLowercaseName(String location, String expected) {
    assertThat(AzureNormalizer.region(location)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm,"
        + " rg-prod",
    "/subscriptions/s/resourcegroups/RG2/providers/Microsoft.Network/virtualNetworks/v/subnets/a,"
        + " RG2",
    "/subscriptions/s, ''"
  })
  void resourceGroup_ofArmId_isTheGroupSegment(String id, String expected) {
    assertThat(AzureNormalizer.resourceGroup(id)).isEqualTo(expected);
  }
}
