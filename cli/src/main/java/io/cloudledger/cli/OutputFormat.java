package io.cloudledger.cli;

/** How a command prints its result on stdout. */
public enum OutputFormat {
  TABLE,
  JSON,
  CSV;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
