package io.cloudledger.core.cost;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How one account's cost is synced, as {@link CostSources} decides: the account owns a billing
 * scope and runs its query, another account's query covers it (no call at all), or nothing
 * configured covers it.
 */
public sealed interface CostCoverage {

  /**
   * The account runs {@code source}: an AWS payer, an Azure subscription, the project a GCP billing
   * export is synced under. {@code open} builds the source (and its clients) when the sync runs; a
   * source that is {@link AutoCloseable} is closed afterwards.
   */
  record Owner(Supplier<CostSource> open) implements CostCoverage {
    public Owner {
      Objects.requireNonNull(open, "open");
    }
  }

  /** Another account's query covers this one, e.g. {@code aws payer aws#111111111111}. */
  record CoveredBy(String coveringSource) implements CostCoverage {
    public CoveredBy {
      Objects.requireNonNull(coveringSource, "coveringSource");
    }
  }

  /** Nothing configured reads this account's cost; {@code reason} says what to configure. */
  record NotCovered(String reason) implements CostCoverage {
    public NotCovered {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
