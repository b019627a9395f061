package io.cloudledger.core.cost;

import io.cloudledger.core.model.AccountKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Syncs one {@link CostSource} into a {@link CostStore}: fetches the window, reads the stored rows
 * of each account it returned (one read per account), and writes only the rows that are new or
 * differ, so running the same window twice writes nothing and a revised day is updated.
 *
 * <p>The default window is the last {@value #DEFAULT_DAYS} days up to today: every run re-fetches
 * at least the last {@value #REVISED_DAYS} days, which providers still revise, and backfills
 * whatever an earlier failed run missed. Fetching the whole window costs the same few requests as
 * fetching three days, because one request returns all days (AWS pages by groups, not by days).
 */
public final class CostSync {
  /** The days a run fetches when no window is given. */
  public static final int DEFAULT_DAYS = 30;

  /** The recent days providers revise; a window must cover at least these. */
  public static final int REVISED_DAYS = 3;

  private final CostStore store;
  private final Clock clock;

  public CostSync(CostStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The default window: the last {@value #DEFAULT_DAYS} days up to today. */
  public CostWindow defaultWindow() {
    return CostWindow.lastDays(clock, DEFAULT_DAYS);
  }

  /** Syncs the default window. */
  public CostSyncResult sync(CostSource source) {
    return sync(source, defaultWindow());
  }

  /** Syncs {@code window} from {@code source}. */
  public CostSyncResult sync(CostSource source, CostWindow window) {
    Instant started = clock.instant();
    CostFetch fetch = source.fetch(window);
    Map<AccountKey, Map<String, CostRow>> fetchedByAccount = new LinkedHashMap<>();
    for (CostRow row : fetch.rows()) {
      // Rows outside the window are not ours to compare: their stored rows were not read.
      if (window.contains(row.date())) {
        fetchedByAccount
            .computeIfAbsent(row.accountKey(), a -> new LinkedHashMap<>())
            .put(row.rowKey(), row);
      }
    }
    long fetched = fetchedByAccount.values().stream().mapToLong(Map::size).sum();
    List<CostRow> changed = new ArrayList<>();
    long unchanged = 0;
    for (Map.Entry<AccountKey, Map<String, CostRow>> account : fetchedByAccount.entrySet()) {
      Map<String, CostRow> stored = new HashMap<>();
      for (CostRow row : store.rows(account.getKey(), window)) {
        stored.put(row.rowKey(), row);
      }
      for (CostRow row : account.getValue().values()) {
        CostRow before = stored.get(row.rowKey());
        if (before != null && before.sameValuesAs(row)) {
          unchanged++;
        } else {
          changed.add(row);
        }
      }
    }
    if (!changed.isEmpty()) {
      store.upsert(changed);
    }
    return new CostSyncResult(
        source.describe(),
        window,
        fetchedByAccount.keySet(),
        fetched,
        changed.size(),
        unchanged,
        fetch.requests(),
        Duration.between(started, clock.instant()));
  }
}
