package io.cloudledger.cli;

import java.util.Locale;

/** How {@code cost report} prints: an aligned table, JSON, CSV, or a self-contained HTML page. */
enum CostReportFormat {
  TABLE,
  JSON,
  CSV,
  HTML;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
