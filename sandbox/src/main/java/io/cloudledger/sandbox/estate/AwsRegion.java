package io.cloudledger.sandbox.estate;

import java.util.List;
import java.util.Optional;

/** A real AWS region name, whether it needs opting in, and its availability-zone id prefix. */
public record AwsRegion(String name, boolean optInRequired, String zoneIdPrefix) {

  /** The regions the sandbox knows, in a fixed order (it is part of the deterministic estate). */
  public static final List<AwsRegion> ALL =
      List.of(
          new AwsRegion("us-east-1", false, "use1"),
          new AwsRegion("us-east-2", false, "use2"),
          new AwsRegion("us-west-1", false, "usw1"),
          new AwsRegion("us-west-2", false, "usw2"),
          new AwsRegion("ca-central-1", false, "cac1"),
          new AwsRegion("sa-east-1", false, "sae1"),
          new AwsRegion("eu-west-1", false, "euw1"),
          new AwsRegion("eu-west-2", false, "euw2"),
          new AwsRegion("eu-central-1", false, "euc1"),
          new AwsRegion("ap-southeast-1", false, "apse1"),
          new AwsRegion("ap-southeast-2", false, "apse2"),
          new AwsRegion("ap-northeast-1", false, "apne1"),
          new AwsRegion("af-south-1", true, "afs1"),
          new AwsRegion("ap-east-1", true, "ape1"),
          new AwsRegion("eu-south-1", true, "eus1"),
          new AwsRegion("me-south-1", true, "mes1"));

  public static Optional<AwsRegion> byName(String name) {
    return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** The {@code optInStatus} DescribeRegions reports for an enabled region. */
  public String enabledOptInStatus() {
    return optInRequired ? "opted-in" : "opt-in-not-required";
  }
}
