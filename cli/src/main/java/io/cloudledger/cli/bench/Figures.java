package io.cloudledger.cli.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding and ratios that stay finite, for figures printed and saved as JSON. */
final class Figures {
  private Figures() {}

  /** {@code numerator / denominator}, or 0 when the denominator is not positive. */
  static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : 0;
  }

  static double round(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  static double megabytes(long bytes) {
    return round(bytes / (1024.0 * 1024.0), 1);
  }
}
