package io.cloudledger.core.model;

import java.util.Objects;

/** Checks for the parts of resource keys, shared by the model's records. */
final class KeyParts {
  private KeyParts() {}

  /** A concrete region: non-blank, no '#', no whitespace, not the all-regions wildcard. */
  static String requireRegion(String region) {
    Objects.requireNonNull(region, "region");
    if (region.equals(Scope.ALL_REGIONS)) {
      throw new IllegalArgumentException(
          "a resource needs a concrete region, not '"
              + Scope.ALL_REGIONS
              + "'; use 'global' for resources without one");
    }
    return requireRegionOrWildcard(region);
  }

  static String requireRegionOrWildcard(String region) {
    Objects.requireNonNull(region, "region");
    if (region.isBlank() || region.contains(AccountKey.SEPARATOR) || hasWhitespace(region)) {
      throw new IllegalArgumentException(
          "invalid region '" + region + "': it must be non-blank, without '#' or whitespace");
    }
    return region;
  }

  static String requireResourceId(String resourceId) {
    Objects.requireNonNull(resourceId, "resourceId");
    if (resourceId.isBlank()) {
      throw new IllegalArgumentException("a resource id must not be blank");
    }
    return resourceId;
  }

  private static boolean hasWhitespace(String value) {
    return value.chars().anyMatch(Character::isWhitespace);
  }
}
