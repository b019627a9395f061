package io.cloudledger.cli;

import io.cloudledger.sandbox.fault.FaultPlan;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds the {@code cloudledger} command line with its error handling and exit codes. */
public final class Cli {
  private Cli() {}

  /** A command line whose commands all see {@code environment}. */
  public static CommandLine create(CliEnvironment environment) {
    CommandLine commandLine = new CommandLine(RootCommand.class, new Factory(environment));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new CliExceptionHandler());
    // The fault grammar lives with the sandbox; show it under `sandbox --help`.
    commandLine
        .getSubcommands()
        .get("sandbox")
        .getCommandSpec()
        .usageMessage()
        .footer("", "Fault spec grammar:", FaultPlan.GRAMMAR);
    return commandLine;
  }

  /** Gives every command that asks for it (by constructor) the {@link CliEnvironment}. */
  private record Factory(CliEnvironment environment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> constructor = type.getDeclaredConstructor(CliEnvironment.class);
        constructor.setAccessible(true);
        return constructor.newInstance(environment);
      } catch (NoSuchMethodException noEnvironmentConstructor) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
