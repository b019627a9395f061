package io.cloudledger.core.cost;

import io.cloudledger.core.model.AccountKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/** A {@link CostStore} in memory, for tests and {@code store: memory}; counts the rows written. */
public final class InMemoryCostStore implements CostStore {
  private final Map<AccountKey, Map<String, CostRow>> byAccount = new ConcurrentHashMap<>();
  private final LongAdder written = new LongAdder();

  @Override
  public List<CostRow> rows(AccountKey account, CostWindow window) {
    return byAccount.getOrDefault(account, Map.of()).values().stream()
        .filter(row -> window.contains(row.date()))
        .toList();
  }

  @Override
  public List<CostRow> rows(CostWindow window) {
    List<CostRow> rows = new ArrayList<>();
    byAccount
        .values()
        .forEach(
            m -> m.values().stream().filter(r -> window.contains(r.date())).forEach(rows::add));
    rows.sort(Comparator.comparing(CostRow::accountKey).thenComparing(CostRow::rowKey));
    return rows;
  }

  @Override
  public void upsert(List<CostRow> rows) {
    for (CostRow row : rows) {
      byAccount
          .computeIfAbsent(row.accountKey(), a -> new ConcurrentSkipListMap<>())
          .put(row.rowKey(), row);
      written.increment();
    }
  }

  /** Rows written since creation (each upserted row counts once). */
  public long rowsWritten() {
    return written.sum();
  }
}
