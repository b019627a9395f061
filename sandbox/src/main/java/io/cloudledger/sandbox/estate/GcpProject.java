package io.cloudledger.sandbox.estate;

import java.util.List;

/**
 * One GCP project of the estate with its Compute resources. Immutable: {@link Estate#advance}
 * replaces it with a new value.
 */
public record GcpProject(
    int index,
    String projectId,
    long projectNumber,
    List<GcpInstance> instances,
    List<GcpNetwork> networks,
    List<GcpSubnetwork> subnetworks) {

  public GcpProject {
    instances = List.copyOf(instances);
    networks = List.copyOf(networks);
    subnetworks = List.copyOf(subnetworks);
  }

  public int resourceCount() {
    return instances.size() + networks.size() + subnetworks.size();
  }

  GcpProject withInstances(List<GcpInstance> newInstances) {
    return new GcpProject(index, projectId, projectNumber, newInstances, networks, subnetworks);
  }
}
