package io.cloudledger.cli;

/**
 * A failure the user can act on, shown as one line on stderr with its exit code. The message must
 * never contain a secret value.
 */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A usage or configuration error (exit 2). */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** A runtime failure (exit 1). */
  public static CliException failure(String message) {
    return new CliException(ExitCodes.FAILURE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
