package io.cloudledger.core.cost;

import io.cloudledger.core.model.AccountKey;
import java.util.List;

/**
 * Where daily cost rows live (port): one row per (account, date, service), upserted.
 * Implementations: DynamoDB (connectors/aws) and {@link InMemoryCostStore}.
 */
public interface CostStore {

  /** The stored rows of {@code account} within {@code window}: one read of its partition. */
  List<CostRow> rows(AccountKey account, CostWindow window);

  /** The stored rows of every account within {@code window}, for reports. */
  List<CostRow> rows(CostWindow window);

  /** Writes (inserts or replaces) these rows; a key twice keeps the last. */
  void upsert(List<CostRow> rows);
}
