package io.cloudledger.aws.cost;

import java.util.Objects;
import java.util.Set;

/**
 * How costs are read from Cost Explorer.
 *
 * @param metric the cost metric, e.g. {@code UnblendedCost} (default) or {@code AmortizedCost}
 */
public record AwsCostSettings(String metric) {
  /** The metrics that are amounts of money (not usage quantities). */
  public static final Set<String> COST_METRICS =
      Set.of(
          "UnblendedCost", "BlendedCost", "AmortizedCost", "NetUnblendedCost", "NetAmortizedCost");

  public AwsCostSettings {
    Objects.requireNonNull(metric, "metric");
    if (!COST_METRICS.contains(metric)) {
      throw new IllegalArgumentException(
          "unknown Cost Explorer cost metric '"
              + metric
              + "', expected one of "
              + COST_METRICS.stream().sorted().toList());
    }
  }

  /** {@code UnblendedCost}: what each account was charged, before discounts are spread. */
  public static AwsCostSettings defaults() {
    return new AwsCostSettings("UnblendedCost");
  }
}
