package io.cloudledger.cli;

import io.cloudledger.core.config.ConfigException;
import io.cloudledger.core.secrets.UnknownSecretStoreException;

/** Maps exceptions from the core and connectors to the CLI's exit codes and messages. */
final class ErrorMapping {
  private ErrorMapping() {}

  static int exitCodeOf(Throwable exception) {
    return switch (exception) {
      case CliException cli -> cli.exitCode();
      case ConfigException config -> ExitCodes.USAGE;
      case UnknownSecretStoreException unknownStore -> ExitCodes.USAGE;
      // Core and connectors reject bad input (names, lengths, formats) this way.
      case IllegalArgumentException badInput -> ExitCodes.USAGE;
      default -> ExitCodes.FAILURE;
    };
  }

  /** The exception's own message (they are written for users), or its type when it has none. */
  static String describe(Throwable exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }
}
