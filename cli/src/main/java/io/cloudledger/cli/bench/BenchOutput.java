package io.cloudledger.cli.bench;

import java.util.Locale;

/** How {@code cloudledger bench} prints its report on stdout. */
public enum BenchOutput {
  TABLE,
  JSON,
  MARKDOWN;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
