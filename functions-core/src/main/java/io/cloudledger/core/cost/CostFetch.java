package io.cloudledger.core.cost;

import java.util.List;

/**
 * What a {@link CostSource} returned for a window: its rows (any number of accounts) and the
 * requests it sent, retries included.
 */
public record CostFetch(List<CostRow> rows, long requests) {
  public CostFetch {
    rows = List.copyOf(rows);
    if (requests < 0) {
      throw new IllegalArgumentException("requests must not be negative, got " + requests);
    }
  }
}
