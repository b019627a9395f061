package io.cloudledger.core.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sync engine writes: how long tombstones are kept before the store's TTL removes them, how
 * many writes it buffers before applying them (so writes stream instead of accumulating), and how
 * often an unchanged scope record is rewritten.
 *
 * @param scopeRefresh an unchanged scope (same outcome, same item count) keeps its stored record
 *     until that record is this old; "last seen" of unchanged resources is therefore accurate to
 *     within this duration, and an unchanged re-sync writes nothing at all in between
 */
public record SyncSettings(Duration tombstoneRetention, int flushSize, Duration scopeRefresh) {

  public SyncSettings {
    Objects.requireNonNull(tombstoneRetention, "tombstoneRetention");
    Objects.requireNonNull(scopeRefresh, "scopeRefresh");
    if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
      throw new IllegalArgumentException(
          "tombstoneRetention must be positive, got " + tombstoneRetention);
    }
    if (flushSize < 1) {
      throw new IllegalArgumentException("flushSize must be at least 1, got " + flushSize);
    }
    if (scopeRefresh.isNegative()) {
      throw new IllegalArgumentException("scopeRefresh must not be negative, got " + scopeRefresh);
    }
  }

  /** 30 days of tombstones, flushes of 500 writes, unchanged scope records rewritten hourly. */
  public static SyncSettings defaults() {
    return new SyncSettings(Duration.ofDays(30), 500, Duration.ofHours(1));
  }

  public SyncSettings withFlushSize(int size) {
    return new SyncSettings(tombstoneRetention, size, scopeRefresh);
  }

  public SyncSettings withTombstoneRetention(Duration retention) {
    return new SyncSettings(retention, flushSize, scopeRefresh);
  }

  /** {@code Duration.ZERO} rewrites every scope record on every run. */
  public SyncSettings withScopeRefresh(Duration refresh) {
    return new SyncSettings(tombstoneRetention, flushSize, refresh);
  }
}
