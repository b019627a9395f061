package io.cloudledger.core.sync;

/**
 * What a sync found: resources {@code seen} once each (of which created, changed, unchanged),
 * tombstoned, and extra copies of already-seen resources in the listing ({@code duplicates}).
 */
public record SyncCounts(
    long seen, long created, long changed, long unchanged, long tombstoned, long duplicates) {

  public static final SyncCounts ZERO = new SyncCounts(0, 0, 0, 0, 0, 0);

  /** The items written: created, changed and tombstoned. */
  public long writes() {
    return created + changed + tombstoned;
  }

  public SyncCounts plus(SyncCounts other) {
    return new SyncCounts(
        seen + other.seen,
        created + other.created,
        changed + other.changed,
        unchanged + other.unchanged,
        tombstoned + other.tombstoned,
        duplicates + other.duplicates);
  }
}
