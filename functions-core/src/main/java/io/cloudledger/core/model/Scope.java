package io.cloudledger.core.model;

import java.util.Objects;

/**
 * One listing unit of an account: a resource type in a region, or in all regions at once ({@link
 * #ALL_REGIONS}) for APIs that list a whole account in one call (Azure ARM, GCP aggregatedList, S3
 * ListBuckets). A complete listing of a scope proves that every resource it covers and did not
 * return is gone.
 */
public record Scope(String region, ResourceType type) implements Comparable<Scope> {

  /** The region of a scope that covers every region of the account. */
  public static final String ALL_REGIONS = "*";

  public Scope {
    KeyParts.requireRegionOrWildcard(region);
    Objects.requireNonNull(type, "type");
  }

  public static Scope of(String region, ResourceType type) {
    return new Scope(region, type);
  }

  /** The scope of {@code type} across every region of the account. */
  public static Scope allRegions(ResourceType type) {
    return new Scope(ALL_REGIONS, type);
  }

  /** Whether this scope spans all regions. */
  public boolean allRegions() {
    return region.equals(ALL_REGIONS);
  }

  /** Whether a resource of {@code type} in {@code region} belongs to this scope. */
  public boolean covers(String resourceRegion, ResourceType resourceType) {
    return type == resourceType && (allRegions() || region.equals(resourceRegion));
  }

  /** Whether the resource with this key belongs to this scope. */
  public boolean covers(ResourceKey key) {
    return covers(key.region(), key.type());
  }

  /** {@code <region>#<type>}, e.g. {@code us-east-1#vm}; the sort key of a scope record. */
  public String key() {
    return region + AccountKey.SEPARATOR + type.key();
  }

  @Override
  public String toString() {
    return key();
  }

  @Override
  public int compareTo(Scope other) {
    int byType = type.compareTo(other.type);
    return byType != 0 ? byType : region.compareTo(other.region);
  }
}
