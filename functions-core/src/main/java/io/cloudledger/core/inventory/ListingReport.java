package io.cloudledger.core.inventory;

import java.util.List;

/**
 * What a source says at the end of a listing: one outcome per scope it attempted, and how many API
 * calls it made (0 when it does not count them).
 */
public record ListingReport(List<ScopeOutcome> outcomes, long apiCalls) {

  public ListingReport {
    outcomes = List.copyOf(outcomes);
    if (apiCalls < 0) {
      throw new IllegalArgumentException("apiCalls must not be negative: " + apiCalls);
    }
  }

  public static ListingReport of(List<ScopeOutcome> outcomes) {
    return new ListingReport(outcomes, 0);
  }
}
