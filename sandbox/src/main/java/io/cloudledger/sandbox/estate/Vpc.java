package io.cloudledger.sandbox.estate;

import java.util.List;

/** One VPC. */
public record Vpc(
    String vpcId, String region, String cidrBlock, boolean isDefault, List<Tag> tags) {
  public Vpc {
    tags = List.copyOf(tags);
  }

  Vpc withTags(List<Tag> newTags) {
    return new Vpc(vpcId, region, cidrBlock, isDefault, newTags);
  }
}
