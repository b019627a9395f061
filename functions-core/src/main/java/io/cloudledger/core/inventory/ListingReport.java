package io.cloudledger.core.inventory;

import io.cloudledger.core.model.Scope;
import java.util.List;

/**
 * What a source says at the end of a listing: one outcome per scope it attempted, how many API
 * calls it made (0 when it does not count them), and the scopes it did not start because its time
 * ran out ({@code deferred}: neither listed nor tombstoned, left to the next part of the sync).
 */
public record ListingReport(List<ScopeOutcome> outcomes, long apiCalls, List<Scope> deferred) {

  public ListingReport {
    outcomes = List.copyOf(outcomes);
    deferred = List.copyOf(deferred);
    if (apiCalls < 0) {
      throw new IllegalArgumentException("apiCalls must not be negative: " + apiCalls);
    }
  }

  /** A listing that reached every scope it was asked for. */
  public ListingReport(List<ScopeOutcome> outcomes, long apiCalls) {
    this(outcomes, apiCalls, List.of());
  }

  public static ListingReport of(List<ScopeOutcome> outcomes) {
    return new ListingReport(outcomes, 0);
  }
}
