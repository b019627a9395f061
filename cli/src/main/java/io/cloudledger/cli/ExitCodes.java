package io.cloudledger.cli;

/** The exit codes of the command-line contract in ARCHITECTURE.md. */
public final class ExitCodes {
  /** Everything worked. */
  public static final int OK = 0;

  /** A runtime failure: the command ran but some of its work failed (e.g. some accounts). */
  public static final int FAILURE = 1;

  /** A usage or configuration error: nothing was attempted. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
