package io.cloudledger.cli.bench;

import io.cloudledger.cli.OutputFormat;
import io.cloudledger.cli.Table;
import io.cloudledger.cli.TablePrinter;
import java.io.PrintWriter;
import java.util.List;

/** Prints a {@link BenchReport} as aligned tables, one JSON document, or Markdown. */
final class BenchPrinter {
  private BenchPrinter() {}

  static void print(PrintWriter out, BenchOutput format, BenchReport report) {
    switch (format) {
      case JSON -> TablePrinter.printJson(out, report);
      case TABLE -> printTables(out, report);
      case MARKDOWN -> printMarkdown(out, report);
    }
    out.flush();
  }

  private static void printTables(PrintWriter out, BenchReport report) {
    out.println("cloudledger bench, " + report.startedAt() + " (" + report.totalSeconds() + " s)");
    out.println(BenchTables.headline(report));
    for (BenchTables.Section section : BenchTables.sections(report)) {
      out.println();
      out.println(section.title() + ":");
      TablePrinter.print(out, OutputFormat.TABLE, section.table());
    }
  }

  /** The README's Performance figures: generated, never edited by hand. */
  private static void printMarkdown(PrintWriter out, BenchReport report) {
    out.println(
        "Produced by `"
            + report.command()
            + "` on "
            + report.startedAt()
            + " ("
            + report.totalSeconds()
            + " s). "
            + BenchTables.headline(report));
    for (BenchTables.Section section : BenchTables.sections(report)) {
      out.println();
      out.println("**" + section.title() + "**");
      out.println();
      printMarkdownTable(out, section.table());
    }
  }

  private static void printMarkdownTable(PrintWriter out, Table table) {
    out.println(row(table.columns()));
    out.println(row(table.columns().stream().map(c -> "---").toList()));
    for (List<String> cells : table.rows()) {
      out.println(row(cells));
    }
  }

  private static String row(List<String> cells) {
    return "| "
        + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())
        + " |";
  }
}
