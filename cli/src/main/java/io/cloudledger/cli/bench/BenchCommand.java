package io.cloudledger.cli.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cloudledger.cli.CliEnvironment;
import io.cloudledger.cli.CliException;
import io.cloudledger.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cloudledger bench}: syncs a sandbox estate with injected latency into an in-memory
 * DynamoDB Local, with cloudledger and with a straightforward baseline side by side, and reports
 * speed, API calls and write units as measured in this run.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark sync speed, API calls and DynamoDB write units against the sandbox,",
      "with a straightforward baseline measured in the same run over the same estate.",
      "Progress goes to stderr; the report to stdout."
    })
public final class BenchCommand implements Callable<Integer> {
  static final Path RESULTS = Path.of("bench", "results");
  private static final Set<String> MEASURED_SYNCS =
      Set.of("first-sync", "unchanged-resync", "change-resync");

  private final CliEnvironment environment;
  @Spec CommandSpec spec;

  @Option(
      names = "--accounts",
      defaultValue = "3",
      description = "Accounts per provider (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--resources",
      defaultValue = "150",
      description = "Resources per account (default ${DEFAULT-VALUE}).")
  int resources;

  @Option(
      names = "--latency-ms",
      defaultValue = "50",
      description = "Latency injected into every API call (default ${DEFAULT-VALUE}).")
  int latencyMillis;

  @Option(
      names = "--throttle",
      defaultValue = "0.2",
      description =
          "Share of calls throttled in the throttling scenario (default ${DEFAULT-VALUE}).")
  double throttleRate;

  @Option(
      names = "--change",
      defaultValue = "0.05",
      description =
          "Share of resources changed before the change re-sync (default ${DEFAULT-VALUE}).")
  double changeFraction;

  @Option(
      names = "--fan-out-accounts",
      defaultValue = "10000",
      description =
          "Sync requests dispatched in the fan-out scenario, 0 to skip (default ${DEFAULT-VALUE}).")
  int fanOutAccounts;

  @Option(
      names = "--parallel-accounts",
      defaultValue = "4",
      description = "Accounts the worker syncs at once (default ${DEFAULT-VALUE}).")
  int parallelAccounts;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the estate (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--large",
      description = "Also measure heap and allocation of a first sync of one large account.")
  boolean large;

  @Option(
      names = "--large-resources",
      defaultValue = "100000",
      description = "Resources of the large account (default ${DEFAULT-VALUE}).")
  int largeResources;

  @Option(
      names = "--shared-budget",
      description =
          "Also run 32 workers on one account under a sandbox limit, without and with the shared"
              + " rate budget.")
  boolean sharedBudget;

  @Option(
      names = "--store-ceiling-items",
      defaultValue = "3000",
      description =
          "Puts that measure DynamoDB Local's own write ceiling (default ${DEFAULT-VALUE}).")
  int storeCeilingItems;

  @Option(
      names = "--baseline",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run the baseline next to cloudledger (default ${DEFAULT-VALUE}); --no-baseline for"
              + " estates where one call per resource would take too long.")
  boolean baseline;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or markdown (default ${DEFAULT-VALUE}).")
  BenchOutput output;

  @Option(
      names = "--save",
      description = "Also write the JSON report to bench/results/<timestamp>.json.")
  boolean save;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description = "Print a saved report instead of running (e.g. as markdown for the README).")
  Path from;

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description =
          "The cloudledger checkout, for jar sizes and bench/results (default: the working directory).")
  Path projectDirectory;

  BenchCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path project =
        projectDirectory == null
            ? environment.workingDirectory()
            : environment.workingDirectory().resolve(projectDirectory);
    if (from != null) {
      BenchPrinter.print(out, output, read(environment.workingDirectory().resolve(from)));
      return ExitCodes.OK;
    }
    BenchSettings settings = settings();
    BenchReport report = BenchRunner.run(settings, project, command(), spec.commandLine().getErr());
    if (save) {
      Path file = save(project, report);
      PrintWriter err = spec.commandLine().getErr();
      err.println("cloudledger bench: saved " + file);
      err.flush();
    }
    BenchPrinter.print(out, output, report);
    boolean failed =
        report.syncs().stream()
            .anyMatch(s -> MEASURED_SYNCS.contains(s.scenario()) && s.failedAccounts() > 0);
    return failed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private BenchSettings settings() {
    try {
      return new BenchSettings(
          accounts,
          resources,
          latencyMillis,
          throttleRate,
          changeFraction,
          fanOutAccounts,
          parallelAccounts,
          seed,
          large ? largeResources : 0,
          storeCeilingItems,
          baseline,
          sharedBudget);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** How this run was asked for, for the report (only options; no values are secrets here). */
  private String command() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return String.join(" ", Stream.concat(Stream.of("cloudledger"), args.stream()).toList());
  }

  static ObjectMapper json() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  static Path save(Path project, BenchReport report) {
    Path directory = project.resolve(RESULTS);
    Path file = directory.resolve(report.startedAt().replace(':', '-') + ".json");
    try {
      Files.createDirectories(directory);
      json().writeValue(file.toFile(), report);
    } catch (IOException e) {
      throw CliException.failure("cannot write " + file + ": " + e.getMessage());
    }
    return file;
  }

  static BenchReport read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("no saved report at " + file);
    }
    try {
      return json().readValue(file.toFile(), BenchReport.class);
    } catch (IOException e) {
      throw CliException.usage("cannot read the report " + file + ": " + e.getMessage());
    }
  }
}
