package io.cloudledger.core.config;

import java.util.List;

/** Which AWS regions a session syncs: {@code regions: all} or an explicit list. */
public sealed interface RegionSelection permits RegionSelection.All, RegionSelection.Listed {

  /** Every region enabled for the account (the default). */
  record All() implements RegionSelection {}

  /** Only these regions, in the order written. */
  record Listed(List<ConfigValue> regions) implements RegionSelection {
    public Listed {
      regions = List.copyOf(regions);
    }
  }
}
