package io.cloudledger.core.model;

import java.util.Objects;

/**
 * A resource's sort key within its account: {@code <type>#<region>#<resourceId>}, e.g. {@code
 * vm#us-east-1#i-0abc}. The region is the resource's own (an S3 bucket's region is its location
 * constraint); resources without one use {@code global}. The id may itself contain '#'.
 */
public record ResourceKey(ResourceType type, String region, String resourceId) {

  public ResourceKey {
    Objects.requireNonNull(type, "type");
    KeyParts.requireRegion(region);
    KeyParts.requireResourceId(resourceId);
  }

  public static ResourceKey of(ResourceType type, String region, String resourceId) {
    return new ResourceKey(type, region, resourceId);
  }

  /** Parses {@code vm#us-east-1#i-0abc}. */
  public static ResourceKey parse(String key) {
    Objects.requireNonNull(key, "key");
    String[] parts = key.split(AccountKey.SEPARATOR, 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "invalid resource key '" + key + "', expected <type>#<region>#<resourceId>");
    }
    return new ResourceKey(ResourceType.fromKey(parts[0]), parts[1], parts[2]);
  }

  /** The regional scope this resource is listed in. */
  public Scope scope() {
    return new Scope(region, type);
  }

  /** The key as stored, e.g. {@code vm#us-east-1#i-0abc}. */
  public String value() {
    return type.key() + AccountKey.SEPARATOR + region + AccountKey.SEPARATOR + resourceId;
  }

  @Override
  public String toString() {
    return value();
  }
}
