package io.cloudledger.aws.inventory;

import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.ResourceStatus;
import io.cloudledger.core.model.ResourceType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * Turns SDK shapes into {@link ResourceObservation}s: the {@code Name} tag becomes the name, AWS
 * states become {@link ResourceStatus} (the AWS word stays as raw status), and only non-empty
 * values go into the metadata, so an absent field never differs from an empty one.
 */
final class AwsNormalizer {
  static final String NAME_TAG = "Name";

  private AwsNormalizer() {}

  /** The normalized status of an EC2 instance state name ({@code running}, ...). */
  static ResourceStatus instanceStatus(String stateName) {
    if (stateName == null) {
      return ResourceStatus.UNKNOWN;
    }
    return switch (stateName) {
      case "pending" -> ResourceStatus.PENDING;
      case "running" -> ResourceStatus.RUNNING;
      case "stopping" -> ResourceStatus.STOPPING;
      case "stopped" -> ResourceStatus.STOPPED;
      case "shutting-down" -> ResourceStatus.TERMINATING;
      case "terminated" -> ResourceStatus.TERMINATED;
      default -> ResourceStatus.UNKNOWN;
    };
  }

  /** The normalized status of a VPC or subnet state ({@code available}, {@code pending}). */
  static ResourceStatus networkStatus(String state) {
    if (state == null) {
      return ResourceStatus.UNKNOWN;
    }
    return switch (state) {
      case "available" -> ResourceStatus.AVAILABLE;
      case "pending" -> ResourceStatus.PENDING;
      default -> ResourceStatus.UNKNOWN;
    };
  }

  static ResourceObservation instance(String region, Instance instance) {
    InstanceState state = instance.state();
    String rawStatus = state == null ? "" : state.nameAsString();
    Map<String, String> tags = tags(instance.tags());
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "instanceType", instance.instanceTypeAsString());
    put(metadata, "privateIpAddress", instance.privateIpAddress());
    put(metadata, "publicIpAddress", instance.publicIpAddress());
    put(metadata, "vpcId", instance.vpcId());
    put(metadata, "subnetId", instance.subnetId());
    put(metadata, "launchTime", iso(instance.launchTime()));
    if (instance.placement() != null) {
      put(metadata, "availabilityZone", instance.placement().availabilityZone());
    }
    return new ResourceObservation(
        ResourceType.VM,
        region,
        instance.instanceId(),
        tags.getOrDefault(NAME_TAG, ""),
        instanceStatus(rawStatus),
        rawStatus,
        tags,
        metadata);
  }

  static ResourceObservation vpc(String region, Vpc vpc) {
    Map<String, String> tags = tags(vpc.tags());
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "cidrBlock", vpc.cidrBlock());
    if (vpc.isDefault() != null) {
      metadata.put("isDefault", vpc.isDefault().toString());
    }
    String rawStatus = vpc.stateAsString();
    return new ResourceObservation(
        ResourceType.NETWORK,
        region,
        vpc.vpcId(),
        tags.getOrDefault(NAME_TAG, ""),
        networkStatus(rawStatus),
        rawStatus,
        tags,
        metadata);
  }

  static ResourceObservation subnet(String region, Subnet subnet) {
    Map<String, String> tags = tags(subnet.tags());
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "vpcId", subnet.vpcId());
    put(metadata, "cidrBlock", subnet.cidrBlock());
    put(metadata, "availabilityZone", subnet.availabilityZone());
    String rawStatus = subnet.stateAsString();
    return new ResourceObservation(
        ResourceType.SUBNET,
        region,
        subnet.subnetId(),
        tags.getOrDefault(NAME_TAG, ""),
        networkStatus(rawStatus),
        rawStatus,
        tags,
        metadata);
  }

  /** A bucket in {@code region}, the {@code BucketRegion} ListBuckets reported for it. */
  static ResourceObservation bucket(String region, Bucket bucket) {
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "creationDate", iso(bucket.creationDate()));
    return new ResourceObservation(
        ResourceType.STORAGE,
        region,
        bucket.name(),
        bucket.name(),
        ResourceStatus.AVAILABLE,
        "",
        Map.of(),
        metadata);
  }

  /** All tags; a key repeated (EC2 forbids it) keeps its last value. */
  static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> out = new TreeMap<>();
    for (Tag tag : tags) {
      if (tag.key() != null && tag.value() != null) {
        out.put(tag.key(), tag.value());
      }
    }
    return out;
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null && !value.isEmpty()) {
      metadata.put(key, value);
    }
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
