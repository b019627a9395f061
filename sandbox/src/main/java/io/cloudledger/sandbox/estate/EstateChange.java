package io.cloudledger.sandbox.estate;

import java.util.List;

/** What one {@link Estate#advance(double)} step did, so tests can assert exact diffs. */
public record EstateChange(
    int generation,
    List<ResourceRef> created,
    List<ResourceRef> deleted,
    List<ResourceRef> modified) {
  public EstateChange {
    created = List.copyOf(created);
    deleted = List.copyOf(deleted);
    modified = List.copyOf(modified);
  }
}
