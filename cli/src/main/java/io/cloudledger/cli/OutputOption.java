package io.cloudledger.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The {@code --output} option, shared by every command that prints a result. */
final class OutputOption {
  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or csv where the command supports it (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  /** The chosen format, or a usage error when this command cannot print it. */
  OutputFormat require(String command, OutputFormat... supported) {
    if (!Arrays.asList(supported).contains(format)) {
      throw CliException.usage(
          command
              + " prints "
              + Arrays.stream(supported)
                  .map(OutputFormat::toString)
                  .collect(Collectors.joining(" or "))
              + ", not "
              + format);
    }
    return format;
  }
}
