package io.cloudledger.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code cloudledger} command: its global options and its subcommands. */
@Command(
    name = "cloudledger",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Inventory, cost and secret rotation for every cloud account you own.",
      "Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error."
    },
    subcommands = {
      DemoCommand.class,
      SyncCommand.class,
      InventoryCommand.class,
      CostCommand.class,
      ConfigCommand.class,
      io.cloudledger.cli.bench.BenchCommand.class,
      SecretsCommand.class,
      RotateCommand.class,
      SandboxCommand.class,
      ServeCommand.class,
      ApiKeysCommand.class,
      AccountsCommand.class
    })
public final class RootCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log progress details and show stack traces on errors (on stderr).")
  void setVerbose(boolean verbose) {
    this.verbose = verbose;
    Logging.setVerbose(verbose);
  }

  private boolean verbose;

  boolean verbose() {
    return verbose;
  }

  /** Without a subcommand there is nothing to do: show what there is, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
