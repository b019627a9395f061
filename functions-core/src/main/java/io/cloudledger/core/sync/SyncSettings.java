package io.cloudledger.core.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sync engine writes: how long tombstones are kept before the store's TTL removes them, and
 * how many writes it buffers before applying them (so writes stream instead of accumulating).
 */
public record SyncSettings(Duration tombstoneRetention, int flushSize) {

  public SyncSettings {
    Objects.requireNonNull(tombstoneRetention, "tombstoneRetention");
    if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
      throw new IllegalArgumentException(
          "tombstoneRetention must be positive, got " + tombstoneRetention);
    }
    if (flushSize < 1) {
      throw new IllegalArgumentException("flushSize must be at least 1, got " + flushSize);
    }
  }

  /** 30 days of tombstones, flushes of 500 writes. */
  public static SyncSettings defaults() {
    return new SyncSettings(Duration.ofDays(30), 500);
  }

  public SyncSettings withFlushSize(int size) {
    return new SyncSettings(tombstoneRetention, size);
  }

  public SyncSettings withTombstoneRetention(Duration retention) {
    return new SyncSettings(retention, flushSize);
  }
}
