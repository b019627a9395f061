package io.cloudledger.sandbox.estate;

import java.util.List;

/** One subnet of a VPC. */
public record Subnet(
    String subnetId,
    String vpcId,
    String region,
    String availabilityZone,
    String cidrBlock,
    int availableIpAddressCount,
    List<Tag> tags) {
  public Subnet {
    tags = List.copyOf(tags);
  }
}
