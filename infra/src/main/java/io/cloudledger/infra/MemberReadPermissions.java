package io.cloudledger.infra;

import io.cloudledger.aws.health.AwsReadPermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The read-only API calls the connectors make inside a member account, as IAM actions: exactly what
 * the member role allows. A test derives the calls from the connector's code and fails when one is
 * missing here.
 */
public final class MemberReadPermissions {
  private MemberReadPermissions() {}

  /**
   * Inventory: instances, VPCs, subnets per region, the enabled regions, and the buckets; the same
   * list {@code cloudledger accounts check} probes.
   */
  public static final List<String> INVENTORY = AwsReadPermissions.INVENTORY;

  /** Cost: daily cost per service from Cost Explorer. */
  public static final List<String> COST = AwsReadPermissions.COST;

  /** Every action of the member role. */
  public static List<String> all() {
    return Stream.concat(INVENTORY.stream(), COST.stream()).toList();
  }
}
