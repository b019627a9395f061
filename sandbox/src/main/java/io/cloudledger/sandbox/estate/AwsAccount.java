package io.cloudledger.sandbox.estate;

import java.util.List;
import java.util.Optional;

/**
 * One AWS account of the estate with everything it owns. Immutable: {@link Estate#advance} replaces
 * it with a new value.
 */
public record AwsAccount(
    int index,
    String accountId,
    String roleName,
    String externalId,
    List<String> enabledRegions,
    List<Ec2Instance> instances,
    List<Vpc> vpcs,
    List<Subnet> subnets,
    List<Bucket> buckets) {

  public AwsAccount {
    enabledRegions = List.copyOf(enabledRegions);
    instances = List.copyOf(instances);
    vpcs = List.copyOf(vpcs);
    subnets = List.copyOf(subnets);
    buckets = List.copyOf(buckets);
  }

  /** The ExternalId that AssumeRole into this account must present, if the account demands one. */
  public Optional<String> requiredExternalId() {
    return externalId.isEmpty() ? Optional.empty() : Optional.of(externalId);
  }

  /** The role cloudledger assumes in this account. */
  public String roleArn() {
    return "arn:aws:iam::" + accountId + ":role/" + roleName;
  }

  public List<Ec2Instance> instancesIn(String region) {
    return instances.stream().filter(i -> i.region().equals(region)).toList();
  }

  public List<Vpc> vpcsIn(String region) {
    return vpcs.stream().filter(v -> v.region().equals(region)).toList();
  }

  public List<Subnet> subnetsIn(String region) {
    return subnets.stream().filter(s -> s.region().equals(region)).toList();
  }

  public int resourceCount() {
    return instances.size() + vpcs.size() + subnets.size() + buckets.size();
  }

  AwsAccount withResources(
      List<Ec2Instance> newInstances, List<Vpc> newVpcs, List<Bucket> newBuckets) {
    return new AwsAccount(
        index,
        accountId,
        roleName,
        externalId,
        enabledRegions,
        newInstances,
        newVpcs,
        subnets,
        newBuckets);
  }
}
