package io.cloudledger.cli;

/** Process entry point of the {@code cloudledger} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int exitCode = Cli.create(CliEnvironment.system()).execute(args);
    System.exit(exitCode);
  }
}
