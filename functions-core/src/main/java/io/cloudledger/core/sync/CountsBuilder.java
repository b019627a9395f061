package io.cloudledger.core.sync;

/** Mutable counters of one resource type during a run; guarded by the session's lock. */
final class CountsBuilder {
  long seen;
  long created;
  long changed;
  long unchanged;
  long tombstoned;
  long duplicates;

  SyncCounts build() {
    return new SyncCounts(seen, created, changed, unchanged, tombstoned, duplicates);
  }
}
