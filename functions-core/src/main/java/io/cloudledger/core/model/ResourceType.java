package io.cloudledger.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The provider-neutral kind of a resource. Add a constant to support a new kind; {@link #key()}
 * appears in stored resource keys, so existing keys must never change.
 */
public enum ResourceType {
  /** EC2 instance, Azure virtual machine, Compute Engine instance. */
  VM,
  /** S3 bucket, Azure storage account, Cloud Storage bucket. */
  STORAGE,
  /** VPC, Azure virtual network, VPC network. */
  NETWORK,
  /** Subnet of a network. */
  SUBNET;

  /** The lowercase form used in resource keys, e.g. {@code vm}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type whose {@link #key()} or name is {@code value} (case-insensitive). */
  public static ResourceType fromKey(String value) {
    for (ResourceType type : values()) {
      if (type.name().equalsIgnoreCase(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown resource type '"
            + value
            + "', expected one of "
            + Arrays.stream(values()).map(ResourceType::key).collect(Collectors.joining(", ")));
  }
}
