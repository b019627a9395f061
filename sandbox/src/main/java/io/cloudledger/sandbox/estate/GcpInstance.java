package io.cloudledger.sandbox.estate;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Compute Engine instance. {@code status} is Compute's own word ({@code RUNNING}, {@code
 * TERMINATED}, ...); {@code machineType} and {@code network}/{@code subnetwork} are short names;
 * {@code natIp} is empty when the instance has no external address.
 */
public record GcpInstance(
    long id,
    String name,
    String zone,
    String machineType,
    String status,
    String network,
    String subnetwork,
    String networkIp,
    String natIp,
    Instant creationTimestamp,
    Map<String, String> labels) {

  public GcpInstance {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The region of the zone: {@code us-central1-a} → {@code us-central1}. */
  public String region() {
    return GcpZones.regionOf(zone);
  }

  GcpInstance withStatus(String newStatus) {
    return new GcpInstance(
        id,
        name,
        zone,
        machineType,
        newStatus,
        network,
        subnetwork,
        networkIp,
        newStatus.equals("RUNNING") ? natIp : "",
        creationTimestamp,
        labels);
  }

  GcpInstance withLabels(Map<String, String> newLabels) {
    return new GcpInstance(
        id,
        name,
        zone,
        machineType,
        status,
        network,
        subnetwork,
        networkIp,
        natIp,
        creationTimestamp,
        newLabels);
  }
}
