package io.cloudledger.sandbox.estate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One EC2 instance. Terminated instances keep being listed (as AWS does for a while) but have no
 * network attachment: {@code vpcId}, {@code subnetId}, {@code privateIp} are then empty strings.
 */
public record Ec2Instance(
    String instanceId,
    String reservationId,
    String region,
    String availabilityZone,
    String vpcId,
    String subnetId,
    String imageId,
    String instanceType,
    InstanceState state,
    String stateTransitionReason,
    Instant launchTime,
    String privateIp,
    String publicIp,
    List<Tag> tags) {

  public Ec2Instance {
    tags = List.copyOf(tags);
  }

  /** The public IPv4 address, if the instance has one. */
  public Optional<String> publicIpAddress() {
    return publicIp.isEmpty() ? Optional.empty() : Optional.of(publicIp);
  }

  /** The value of the {@code Name} tag, if any. */
  public Optional<String> name() {
    return tags.stream().filter(t -> t.key().equals("Name")).map(Tag::value).findFirst();
  }

  Ec2Instance withState(InstanceState newState, String reason) {
    boolean detached = newState == InstanceState.TERMINATED;
    return new Ec2Instance(
        instanceId,
        reservationId,
        region,
        availabilityZone,
        detached ? "" : vpcId,
        detached ? "" : subnetId,
        imageId,
        instanceType,
        newState,
        reason,
        launchTime,
        detached ? "" : privateIp,
        newState == InstanceState.RUNNING ? publicIp : "",
        tags);
  }

  Ec2Instance withTags(List<Tag> newTags) {
    return new Ec2Instance(
        instanceId,
        reservationId,
        region,
        availabilityZone,
        vpcId,
        subnetId,
        imageId,
        instanceType,
        state,
        stateTransitionReason,
        launchTime,
        privateIp,
        publicIp,
        newTags);
  }
}
