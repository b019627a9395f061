package io.cloudledger.aws.health;

import java.util.List;
import java.util.stream.Stream;

/**
 * The IAM actions the AWS connector calls in a member account, by exact name: the one list the
 * member role's policy (infra) grants and {@code accounts check} probes.
 */
public final class AwsReadPermissions {
  private AwsReadPermissions() {}

  /** Inventory: enabled regions, instances, VPCs and subnets per region, and the buckets. */
  public static final List<String> INVENTORY =
      List.of(
          "ec2:DescribeRegions",
          "ec2:DescribeInstances",
          "ec2:DescribeVpcs",
          "ec2:DescribeSubnets",
          // The SDK's ListBuckets is authorized as ListAllMyBuckets.
          "s3:ListAllMyBuckets");

  /** Cost: daily cost per service from Cost Explorer (payer sessions only). */
  public static final List<String> COST = List.of("ce:GetCostAndUsage");

  /** Every action of the member role. */
  public static List<String> all() {
    return Stream.concat(INVENTORY.stream(), COST.stream()).toList();
  }
}
