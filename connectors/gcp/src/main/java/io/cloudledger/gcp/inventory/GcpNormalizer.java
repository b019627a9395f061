package io.cloudledger.gcp.inventory;

import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Subnetwork;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Compute resources into provider-neutral observations. Ids are Compute's numeric ids (unique
 * and stable, unlike names that repeat across zones); names go to {@code name}, labels to {@code
 * tags}, everything else provider-specific to {@code metadata}.
 */
public final class GcpNormalizer {
  /** The region of resources without one (VPC networks are global). */
  public static final String GLOBAL = "global";

  private GcpNormalizer() {}

  /** An instance: region from its zone, status normalized, machine type's short name. */
  public static ResourceObservation instance(Instance instance) {
    String zone = shortName(instance.getZone());
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "machineType", shortName(instance.getMachineType()));
    put(metadata, "zone", zone);
    put(metadata, "creationTimestamp", timestamp(instance.getCreationTimestamp()));
    if (instance.getNetworkInterfacesCount() > 0) {
      NetworkInterface nic = instance.getNetworkInterfaces(0);
      put(metadata, "network", shortName(nic.getNetwork()));
      put(metadata, "subnetwork", shortName(nic.getSubnetwork()));
      put(metadata, "privateIpAddress", nic.getNetworkIP());
      for (AccessConfig access : nic.getAccessConfigsList()) {
        if (access.hasNatIP() && !access.getNatIP().isEmpty()) {
          put(metadata, "publicIpAddress", access.getNatIP());
          break;
        }
      }
    }
    return new ResourceObservation(
        ResourceType.VM,
        regionOfZone(zone),
        Long.toUnsignedString(instance.getId()),
        instance.getName(),
        status(instance.getStatus()),
        instance.getStatus(),
        instance.getLabelsMap(),
        metadata);
  }

  /** A VPC network: global, always available. */
  public static ResourceObservation network(Network network) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (network.hasAutoCreateSubnetworks()) {
      metadata.put("autoCreateSubnetworks", Boolean.toString(network.getAutoCreateSubnetworks()));
    }
    if (network.hasRoutingConfig()) {
      put(metadata, "routingMode", network.getRoutingConfig().getRoutingMode());
    }
    if (network.hasMtu()) {
      metadata.put("mtu", Integer.toString(network.getMtu()));
    }
    put(metadata, "creationTimestamp", timestamp(network.getCreationTimestamp()));
    return new ResourceObservation(
        ResourceType.NETWORK,
        GLOBAL,
        Long.toUnsignedString(network.getId()),
        network.getName(),
        ResourceStatus.AVAILABLE,
        "",
        Map.of(),
        metadata);
  }

  /** A subnetwork: its own region, always available. */
  public static ResourceObservation subnetwork(Subnetwork subnetwork) {
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "network", shortName(subnetwork.getNetwork()));
    put(metadata, "ipCidrRange", subnetwork.getIpCidrRange());
    put(metadata, "gatewayAddress", subnetwork.getGatewayAddress());
    put(metadata, "creationTimestamp", timestamp(subnetwork.getCreationTimestamp()));
    return new ResourceObservation(
        ResourceType.SUBNET,
        shortName(subnetwork.getRegion()),
        Long.toUnsignedString(subnetwork.getId()),
        subnetwork.getName(),
        ResourceStatus.AVAILABLE,
        "",
        Map.of(),
        metadata);
  }

  /**
   * Compute's instance status: PROVISIONING→PENDING, STAGING→STARTING, RUNNING, STOPPING,
   * TERMINATED→STOPPED (a stopped VM; deleted ones are not listed), SUSPENDING→STOPPING, SUSPENDED,
   * REPAIRING→UNKNOWN; anything else UNKNOWN.
   */
  public static ResourceStatus status(String raw) {
    return switch (raw == null ? "" : raw) {
      case "PROVISIONING" -> ResourceStatus.PENDING;
      case "STAGING" -> ResourceStatus.STARTING;
      case "RUNNING" -> ResourceStatus.RUNNING;
      case "STOPPING", "SUSPENDING", "PENDING_STOP" -> ResourceStatus.STOPPING;
      case "STOPPED", "TERMINATED" -> ResourceStatus.STOPPED;
      case "SUSPENDED" -> ResourceStatus.SUSPENDED;
      default -> ResourceStatus.UNKNOWN;
    };
  }

  /** The last segment of a Compute URL: {@code .../zones/us-central1-a} → {@code us-central1-a}. */
  public static String shortName(String url) {
    if (url == null || url.isEmpty()) {
      return "";
    }
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /** {@code us-central1-a} → {@code us-central1}. */
  public static String regionOfZone(String zone) {
    int dash = zone.lastIndexOf('-');
    if (dash <= 0) {
      throw new IllegalArgumentException("not a Compute zone: '" + zone + "'");
    }
    return zone.substring(0, dash);
  }

  /** Compute's RFC 3339 timestamp with offset as an ISO-8601 instant; unparseable stays as is. */
  static String timestamp(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null && !value.isEmpty()) {
      metadata.put(key, value);
    }
  }
}
