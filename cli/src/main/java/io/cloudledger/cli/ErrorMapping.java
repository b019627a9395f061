package io.cloudledger.cli;

/** Maps exceptions from the core and connectors to the CLI's exit codes and messages. */
final class ErrorMapping {
  private ErrorMapping() {}

  static int exitCodeOf(Throwable exception) {
    if (exception instanceof CliException cli) {
      return cli.exitCode();
    }
    return ExitCodes.FAILURE;
  }

  /** The exception's own message (they are written for users), or its type when it has none. */
  static String describe(Throwable exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }
}
