package io.cloudledger.sandbox.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.estate.AzurePowerState;
import io.cloudledger.sandbox.estate.AzureStorageAccount;
import io.cloudledger.sandbox.estate.AzureSubnet;
import io.cloudledger.sandbox.estate.AzureSubscription;
import io.cloudledger.sandbox.estate.AzureVirtualNetwork;
import io.cloudledger.sandbox.estate.AzureVm;
import io.cloudledger.sandbox.estate.Tag;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Renders estate resources in the JSON shapes of Azure's published REST API examples
 * (VirtualMachines_ListAll with {@code statusOnly=true}, StorageAccounts_List,
 * VirtualNetworks_ListAll, Subscriptions_List).
 */
final class ArmResources {
  static final ObjectMapper JSON = new ObjectMapper();

  private ArmResources() {}

  static ObjectNode subscription(AzureSubscription subscription, String state) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", subscription.id());
    node.put("authorizationSource", "RoleBased");
    node.putArray("managedByTenants");
    node.put("subscriptionId", subscription.subscriptionId());
    node.put("tenantId", subscription.tenantId());
    node.put("displayName", subscription.displayName());
    node.put("state", state);
    ObjectNode policies = node.putObject("subscriptionPolicies");
    policies.put("locationPlacementId", "Public_2014-09-01");
    policies.put("quotaId", "PayAsYouGo_2014-09-01");
    policies.put("spendingLimit", "Off");
    return node;
  }

  /** A VM as listed with {@code statusOnly=true}: the instance view's statuses are inline. */
  static ObjectNode vm(AzureVm vm) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", vm.name());
    node.put("id", vm.id());
    node.put("type", "Microsoft.Compute/virtualMachines");
    node.put("location", vm.location());
    tags(node, vm.tags());
    ObjectNode properties = node.putObject("properties");
    properties.put("vmId", vm.vmId());
    properties.putObject("hardwareProfile").put("vmSize", vm.vmSize());
    ObjectNode storage = properties.putObject("storageProfile");
    boolean linux = vm.osType().equals("Linux");
    ObjectNode image = storage.putObject("imageReference");
    image.put("publisher", linux ? "Canonical" : "MicrosoftWindowsServer");
    image.put("offer", linux ? "ubuntu-24_04-lts" : "WindowsServer");
    image.put("sku", linux ? "server" : "2022-datacenter-azure-edition");
    image.put("version", "latest");
    image.put("exactVersion", linux ? "24.04.202501140" : "20348.3091.250112");
    ObjectNode osDisk = storage.putObject("osDisk");
    osDisk.put("osType", vm.osType());
    osDisk.put("name", vm.osDiskName());
    osDisk.put("createOption", "FromImage");
    osDisk.put("caching", "ReadWrite");
    ObjectNode managedDisk = osDisk.putObject("managedDisk");
    managedDisk.put("storageAccountType", "Premium_LRS");
    managedDisk.put(
        "id",
        "/subscriptions/"
            + vm.subscriptionId()
            + "/resourceGroups/"
            + vm.resourceGroup()
            + "/providers/Microsoft.Compute/disks/"
            + vm.osDiskName());
    osDisk.put("deleteOption", "Delete");
    osDisk.put("diskSizeGB", linux ? 30 : 127);
    storage.putArray("dataDisks");
    ObjectNode osProfile = properties.putObject("osProfile");
    osProfile.put("computerName", vm.name());
    osProfile.put("adminUsername", "azureuser");
    if (linux) {
      ObjectNode config = osProfile.putObject("linuxConfiguration");
      config.put("disablePasswordAuthentication", true);
      config.put("provisionVMAgent", true);
    } else {
      ObjectNode config = osProfile.putObject("windowsConfiguration");
      config.put("provisionVMAgent", true);
      config.put("enableAutomaticUpdates", true);
    }
    osProfile.putArray("secrets");
    osProfile.put("allowExtensionOperations", true);
    ArrayNode nics = properties.putObject("networkProfile").putArray("networkInterfaces");
    nics.addObject()
        .put(
            "id",
            "/subscriptions/"
                + vm.subscriptionId()
                + "/resourceGroups/"
                + vm.resourceGroup()
                + "/providers/Microsoft.Network/networkInterfaces/"
                + vm.name()
                + "-nic");
    properties.put("provisioningState", "Succeeded");
    properties.put("timeCreated", vm.timeCreated().truncatedTo(ChronoUnit.MILLIS).toString());
    ArrayNode statuses = properties.putObject("instanceView").putArray("statuses");
    ObjectNode provisioning = statuses.addObject();
    provisioning.put("code", "ProvisioningState/succeeded");
    provisioning.put("level", "Info");
    provisioning.put("displayStatus", "Provisioning succeeded");
    provisioning.put("time", vm.timeCreated().truncatedTo(ChronoUnit.MILLIS).toString());
    AzurePowerState state = vm.powerState();
    ObjectNode power = statuses.addObject();
    power.put("code", state.code());
    power.put("level", "Info");
    power.put("displayStatus", state.displayStatus());
    return node;
  }

  static ObjectNode storageAccount(AzureStorageAccount account) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", account.id());
    node.put("kind", account.kind());
    node.put("location", account.location());
    node.put("name", account.name());
    ObjectNode properties = node.putObject("properties");
    if (!account.kind().equals("Storage") && !account.kind().equals("FileStorage")) {
      properties.put("accessTier", "Hot");
    }
    properties.put(
        "creationTime", account.creationTime().truncatedTo(ChronoUnit.MILLIS).toString());
    ObjectNode encryption = properties.putObject("encryption");
    encryption.put("keySource", "Microsoft.Storage");
    ObjectNode services = encryption.putObject("services");
    ObjectNode blob = services.putObject("blob");
    blob.put("enabled", true);
    blob.put("keyType", "Account");
    ObjectNode file = services.putObject("file");
    file.put("enabled", true);
    file.put("keyType", "Account");
    ObjectNode endpoints = properties.putObject("primaryEndpoints");
    String host = account.name();
    endpoints.put("blob", "https://" + host + ".blob.core.windows.net/");
    endpoints.put("dfs", "https://" + host + ".dfs.core.windows.net/");
    endpoints.put("file", "https://" + host + ".file.core.windows.net/");
    endpoints.put("queue", "https://" + host + ".queue.core.windows.net/");
    endpoints.put("table", "https://" + host + ".table.core.windows.net/");
    endpoints.put("web", "https://" + host + ".z13.web.core.windows.net/");
    properties.put("primaryLocation", account.location());
    properties.put("provisioningState", "Succeeded");
    properties.put("statusOfPrimary", "available");
    properties.put("supportsHttpsTrafficOnly", true);
    properties.put("minimumTlsVersion", "TLS1_2");
    properties.put("allowBlobPublicAccess", false);
    ObjectNode sku = node.putObject("sku");
    sku.put("name", account.skuName());
    sku.put("tier", account.skuTier());
    tags(node, account.tags());
    node.put("type", "Microsoft.Storage/storageAccounts");
    return node;
  }

  static ObjectNode virtualNetwork(AzureVirtualNetwork network) {
    ObjectNode node = JSON.createObjectNode();
    String etag = "W/\"" + network.resourceGuid() + "\"";
    node.put("name", network.name());
    node.put("id", network.id());
    node.put("etag", etag);
    node.put("type", "Microsoft.Network/virtualNetworks");
    node.put("location", network.location());
    tags(node, network.tags());
    ObjectNode properties = node.putObject("properties");
    properties.put("provisioningState", "Succeeded");
    properties.put("resourceGuid", network.resourceGuid());
    properties.putObject("addressSpace").putArray("addressPrefixes").add(network.addressPrefix());
    ArrayNode subnets = properties.putArray("subnets");
    for (AzureSubnet subnet : network.subnets()) {
      ObjectNode s = subnets.addObject();
      s.put("name", subnet.name());
      s.put("id", network.subnetId(subnet));
      s.put("etag", etag);
      ObjectNode sp = s.putObject("properties");
      sp.put("provisioningState", "Succeeded");
      sp.put("addressPrefix", subnet.addressPrefix());
      sp.put("privateEndpointNetworkPolicies", "Disabled");
      sp.put("privateLinkServiceNetworkPolicies", "Enabled");
      s.put("type", "Microsoft.Network/virtualNetworks/subnets");
    }
    properties.putArray("virtualNetworkPeerings");
    properties.put("enableDdosProtection", false);
    return node;
  }

  private static void tags(ObjectNode node, List<Tag> tags) {
    ObjectNode out = node.putObject("tags");
    tags.forEach(t -> out.put(t.key(), t.value()));
  }
}
