package io.cloudledger.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one clear line on stderr and the contract's exit code; the
 * stack trace only with {@code --verbose}.
 */
final class CliExceptionHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    int exitCode = ErrorMapping.exitCodeOf(exception);
    err.println("cloudledger: " + ErrorMapping.describe(exception));
    if (isVerbose(commandLine)) {
      exception.printStackTrace(err);
    } else if (exitCode == ExitCodes.FAILURE && !(exception instanceof CliException)) {
      err.println("cloudledger: run again with --verbose for details");
    }
    err.flush();
    return exitCode;
  }

  private static boolean isVerbose(CommandLine commandLine) {
    return commandLine.getCommandSpec().root().userObject() instanceof RootCommand root
        && root.verbose();
  }
}
