package io.cloudledger.core.dispatch;

import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.model.ResourceKey;
import io.cloudledger.core.model.ResourceType;
import java.util.Optional;

/** The AWS ARNs a targeted re-sync understands: EC2 instances, VPCs, subnets and S3 buckets. */
final class Arns {
  private Arns() {}

  static ResourceTargets.Located parse(String arn, Optional<AccountKey> account) {
    // arn:<partition>:<service>:<region>:<account>:<resource>
    String[] parts = arn.split(":", 6);
    if (parts.length != 6) {
      throw ResourceTargets.invalid(
          "invalid-resource",
          "invalid ARN '" + arn + "', expected arn:<partition>:<service>:<region>:<account>:...");
    }
    String service = parts[2];
    String region = parts[3];
    String resource = parts[5];
    if (service.equals("s3")) {
      if (resource.isEmpty() || resource.contains("/")) {
        throw ResourceTargets.invalid(
            "invalid-resource",
            "ARN '" + arn + "' names no bucket: expected arn:aws:s3:::<bucket>");
      }
      // A bucket ARN carries neither account nor region: the stored bucket says where it is.
      return new ResourceTargets.Located(
          ResourceTargets.requireAccount(account, arn),
          Optional.empty(),
          resource,
          Optional.of(ResourceType.STORAGE));
    }
    if (!service.equals("ec2")) {
      throw ResourceTargets.invalid(
          "unknown-resource-type",
          "ARN service '"
              + service
              + "' is not inventoried; supported: ec2 (instance, vpc,"
              + " subnet) and s3");
    }
    int slash = resource.indexOf('/');
    String kind = slash < 0 ? resource : resource.substring(0, slash);
    ResourceType type =
        switch (kind) {
          case "instance" -> ResourceType.VM;
          case "vpc" -> ResourceType.NETWORK;
          case "subnet" -> ResourceType.SUBNET;
          default ->
              throw ResourceTargets.invalid(
                  "unknown-resource-type",
                  "EC2 resource type '"
                      + kind
                      + "' is not inventoried; supported: instance, vpc,"
                      + " subnet");
        };
    if (slash < 0 || slash == resource.length() - 1 || region.isEmpty() || parts[4].isEmpty()) {
      throw ResourceTargets.invalid(
          "invalid-resource",
          "ARN '"
              + arn
              + "' needs a region, an account and an id: arn:aws:ec2:<region>:<account>:"
              + kind
              + "/<id>");
    }
    AccountKey owner = ResourceTargets.parseAccount(Provider.AWS.prefix() + "#" + parts[4]);
    if (account.isPresent() && !account.get().equals(owner)) {
      throw ResourceTargets.invalid(
          "account-mismatch",
          "ARN '" + arn + "' belongs to " + owner + ", not to " + account.get());
    }
    String id = resource.substring(slash + 1);
    return new ResourceTargets.Located(
        owner, Optional.of(ResourceKey.of(type, region, id)), id, Optional.of(type));
  }
}
