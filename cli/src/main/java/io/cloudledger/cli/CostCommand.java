package io.cloudledger.cli;

import io.cloudledger.core.cost.CostGrouping;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSummary;
import io.cloudledger.core.cost.CostWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cloudledger cost}: read the synced daily costs. */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description = "Read the synced daily costs from the store.",
    subcommands = {CostCommand.Report.class})
final class CostCommand {

  /** {@code cloudledger cost report}: totals, per-day series, top services, day-over-day change. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "Report the stored daily costs of the last N days (through today, UTC): total, total per"
            + " group, per-day series, top services and the change of the last day.",
        "Amounts are exact sums of the stored amounts; each currency is reported on its own.",
        "--output html writes one self-contained page with charts (inline SVG; opens offline)."
      })
  static final class Report implements Callable<Integer> {
    private final CliEnvironment environment;
    @Spec CommandSpec spec;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Configuration file (for the store settings).")
    Path config;

    @Option(
        names = "--days",
        paramLabel = "N",
        defaultValue = "30",
        description = "Days up to today (default ${DEFAULT-VALUE}, at most 400).")
    int days;

    @Option(
        names = "--by",
        paramLabel = "GROUP",
        defaultValue = "service",
        description = "Group by service, account or provider (default ${DEFAULT-VALUE}).")
    CostGrouping by;

    @Option(
        names = "--output",
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "table, json, csv or html (default ${DEFAULT-VALUE}).")
    CostReportFormat output;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write the report to FILE instead of stdout.")
    Path out;

    Report(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      if (days < 1 || days > 400) {
        throw CliException.usage("--days must be between 1 and 400, got " + days);
      }
      CostWindow window = CostWindow.lastDays(environment.clock(), days);
      List<CostRow> rows;
      try (LocalInventory store = LocalInventory.open(environment, config)) {
        rows = store.costs().rows(window);
      }
      List<CostSummary> summaries = CostSummary.of(rows, window, by);
      StringWriter text = new StringWriter();
      try (PrintWriter writer = new PrintWriter(text)) {
        switch (output) {
          case TABLE -> CostReportText.printTable(writer, window, by, summaries);
          case CSV -> TablePrinter.print(writer, OutputFormat.CSV, CostReportText.csv(summaries));
          case JSON -> TablePrinter.printJson(writer, CostReportText.json(window, by, summaries));
          case HTML ->
              writer.print(CostReportHtml.render(window, by, summaries, environment.clock()));
        }
      }
      if (out == null) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      } else {
        Path file = environment.workingDirectory().resolve(out);
        try {
          Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new CliException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage());
        }
        spec.commandLine().getErr().println("cost report written to " + file);
        spec.commandLine().getErr().flush();
      }
      if (rows.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "cloudledger: no cost rows from "
                    + window.start()
                    + " to "
                    + window.end().minusDays(1)
                    + "; run `cloudledger sync --kinds cost` (or `cloudledger demo`) first");
        spec.commandLine().getErr().flush();
      }
      return ExitCodes.OK;
    }
  }
}
