package io.cloudledger.cli;

import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigProblem;
import io.cloudledger.core.config.ValidationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cloudledger config}: work with the configuration file. */
@Command(
    name = "config",
    description = "Check the configuration file.",
    mixinStandardHelpOptions = true,
    subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand {

  /** {@code cloudledger config validate}: all problems of a file at once, or its summary. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check a cloudledger.yaml without contacting any cloud or resolving any secret.",
        "Exit 0 with a summary when it is usable (warnings allowed), 2 with every problem"
            + " otherwise."
      })
  static final class Validate implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec CommandSpec spec;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "The file (default: $CLOUDLEDGER_CONFIG, ./cloudledger.yaml, ~/.cloudledger/cloudledger.yaml).")
    Path config;

    @Mixin OutputOption output;

    Validate(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      OutputFormat format =
          output.require("config validate", OutputFormat.TABLE, OutputFormat.JSON);
      Path file = ConfigLocation.require(environment, config);
      ValidationResult result = ConfigLoader.validate(file);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (format == OutputFormat.JSON) {
        TablePrinter.printJson(out, toJson(result));
      } else if (result instanceof ValidationResult.Valid valid) {
        valid.config().summary().lines().forEach(out::println);
        result.formattedProblems().forEach(err::println);
      } else {
        result.formattedProblems().forEach(err::println);
        err.println(
            file + " is not valid: " + count(result.errors().size(), "error") + " (see above)");
      }
      out.flush();
      err.flush();
      return result instanceof ValidationResult.Valid ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private static Map<String, Object> toJson(ValidationResult result) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("file", result.file().toString());
      json.put("valid", result instanceof ValidationResult.Valid);
      json.put("errors", problems(result.errors()));
      json.put("warnings", problems(result.warnings()));
      if (result instanceof ValidationResult.Valid valid) {
        json.put("summary", valid.config().summary().lines());
      }
      return json;
    }

    private static List<Map<String, Object>> problems(List<ConfigProblem> problems) {
      return problems.stream()
          .map(
              p -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("path", p.path());
                json.put("line", p.line());
                json.put("message", p.message());
                return json;
              })
          .toList();
    }

    private static String count(int n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }
  }
}
