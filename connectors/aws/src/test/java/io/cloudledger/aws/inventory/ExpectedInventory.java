package io.cloudledger.aws.inventory;

import io.cloudledger.core.model.Resource;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Bucket;
import io.cloudledger.sandbox.estate.Ec2Instance;
import io.cloudledger.sandbox.estate.InstanceState;
import io.cloudledger.sandbox.estate.Subnet;
import io.cloudledger.sandbox.estate.Tag;
import io.cloudledger.sandbox.estate.Vpc;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the inventory of a sandbox account must hold, written from the estate's own records and the
 * normalization rules (not from the connector's code), keyed by resource key.
 */
final class ExpectedInventory {
  private ExpectedInventory() {}

  static Map<String, ResourceObservation> of(AwsAccount account) {
    Map<String, ResourceObservation> expected = new TreeMap<>();
    for (Ec2Instance instance : account.instances()) {
      add(expected, instance(instance));
    }
    for (Vpc vpc : account.vpcs()) {
      add(expected, vpc(vpc));
    }
    for (Subnet subnet : account.subnets()) {
      add(expected, subnet(subnet));
    }
    for (Bucket bucket : account.buckets()) {
      add(expected, bucket(bucket));
    }
    return expected;
  }

  /** The stored resources as observations, to compare field by field. */
  static Map<String, ResourceObservation> observed(List<Resource> resources) {
    Map<String, ResourceObservation> observed = new TreeMap<>();
    for (Resource r : resources) {
      observed.put(
          r.resourceKey(),
          new ResourceObservation(
              r.type(),
              r.region(),
              r.resourceId(),
              r.name(),
              r.status(),
              r.rawStatus(),
              r.tags(),
              r.metadata()));
    }
    return observed;
  }

  static ResourceStatus expectedStatus(InstanceState state) {
    return switch (state) {
      case PENDING -> ResourceStatus.PENDING;
      case RUNNING -> ResourceStatus.RUNNING;
      case SHUTTING_DOWN -> ResourceStatus.TERMINATING;
      case TERMINATED -> ResourceStatus.TERMINATED;
      case STOPPING -> ResourceStatus.STOPPING;
      case STOPPED -> ResourceStatus.STOPPED;
    };
  }

  private static void add(Map<String, ResourceObservation> map, ResourceObservation observation) {
    map.put(observation.resourceKey(), observation);
  }

  private static ResourceObservation instance(Ec2Instance i) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("instanceType", i.instanceType());
    putIfPresent(metadata, "privateIpAddress", i.privateIp());
    putIfPresent(metadata, "publicIpAddress", i.publicIp());
    putIfPresent(metadata, "vpcId", i.vpcId());
    putIfPresent(metadata, "subnetId", i.subnetId());
    metadata.put("launchTime", iso(i.launchTime()));
    metadata.put("availabilityZone", i.availabilityZone());
    Map<String, String> tags = tags(i.tags());
    return new ResourceObservation(
        ResourceType.VM,
        i.region(),
        i.instanceId(),
        tags.getOrDefault("Name", ""),
        expectedStatus(i.state()),
        i.state().wireName(),
        tags,
        metadata);
  }

  private static ResourceObservation vpc(Vpc v) {
    Map<String, String> tags = tags(v.tags());
    return new ResourceObservation(
        ResourceType.NETWORK,
        v.region(),
        v.vpcId(),
        tags.getOrDefault("Name", ""),
        ResourceStatus.AVAILABLE,
        "available",
        tags,
        Map.of("cidrBlock", v.cidrBlock(), "isDefault", Boolean.toString(v.isDefault())));
  }

  private static ResourceObservation subnet(Subnet s) {
    Map<String, String> tags = tags(s.tags());
    return new ResourceObservation(
        ResourceType.SUBNET,
        s.region(),
        s.subnetId(),
        tags.getOrDefault("Name", ""),
        ResourceStatus.AVAILABLE,
        "available",
        tags,
        Map.of(
            "vpcId", s.vpcId(),
            "cidrBlock", s.cidrBlock(),
            "availabilityZone", s.availabilityZone()));
  }

  private static ResourceObservation bucket(Bucket b) {
    return new ResourceObservation(
        ResourceType.STORAGE,
        b.region(),
        b.name(),
        b.name(),
        ResourceStatus.AVAILABLE,
        "",
        Map.of(),
        Map.of("creationDate", iso(b.creationDate())));
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> map = new TreeMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }

  /** The wire carries milliseconds. */
  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
