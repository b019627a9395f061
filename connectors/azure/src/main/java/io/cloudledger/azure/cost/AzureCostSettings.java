package io.cloudledger.azure.cost;

import java.util.Objects;
import java.util.Set;

/**
 * How costs are read from Cost Management.
 *
 * @param aggregation the summed cost column: {@code PreTaxCost} (default, what older offers
 *     report), {@code Cost} (Microsoft Customer Agreement / EA), or their {@code USD} variants
 * @param apiVersion the Cost Management api-version sent with every query
 */
public record AzureCostSettings(String aggregation, String apiVersion) {
  /** The cost columns Cost Management can sum. */
  public static final Set<String> AGGREGATIONS =
      Set.of("PreTaxCost", "Cost", "PreTaxCostUSD", "CostUSD");

  public AzureCostSettings {
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(apiVersion, "apiVersion");
    if (!AGGREGATIONS.contains(aggregation)) {
      throw new IllegalArgumentException(
          "unknown Cost Management aggregation '"
              + aggregation
              + "', expected one of "
              + AGGREGATIONS.stream().sorted().toList());
    }
  }

  /** {@code PreTaxCost} with api-version 2023-03-01. */
  public static AzureCostSettings defaults() {
    return new AzureCostSettings("PreTaxCost", "2023-03-01");
  }

  public AzureCostSettings withAggregation(String newAggregation) {
    return new AzureCostSettings(newAggregation, apiVersion);
  }
}
