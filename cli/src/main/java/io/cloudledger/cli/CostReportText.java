package io.cloudledger.cli;

import io.cloudledger.core.cost.CostGrouping;
import io.cloudledger.core.cost.CostSummary;
import io.cloudledger.core.cost.CostWindow;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table, CSV and JSON forms of {@code cost report}. Amounts are printed exactly. */
final class CostReportText {
  private CostReportText() {}

  static void printTable(
      PrintWriter out, CostWindow window, CostGrouping by, List<CostSummary> summaries) {
    out.printf(
        "Cost from %s to %s (%d days), by %s%n",
        window.start(), window.end().minusDays(1), window.days(), by.lowerName());
    if (summaries.isEmpty()) {
      out.println("No cost rows in this window.");
      return;
    }
    for (CostSummary summary : summaries) {
      out.println();
      out.printf(
          "Total: %s %s over %d rows (%d estimated)%n",
          Money.format(summary.total()),
          summary.currency(),
          summary.rows(),
          summary.estimatedRows());
      summary
          .dayOverDay()
          .ifPresent(
              change ->
                  out.printf(
                      "Day over day: %s %s vs %s: %s%s%n",
                      change.day(),
                      Money.format(change.total()),
                      Money.format(change.previous()),
                      Money.signed(change.change()),
                      change
                          .percent()
                          .map(p -> " (" + (p.signum() >= 0 ? "+" : "") + p.toPlainString() + "%)")
                          .orElse("")));
      out.println();
      Table.Builder groups =
          Table.withColumns(by.lowerName(), "total " + summary.currency(), "share");
      for (CostSummary.GroupTotal group : summary.groups()) {
        groups.row(
            group.name(), Money.format(group.total()), share(group.total(), summary.total()));
      }
      TablePrinter.print(out, OutputFormat.TABLE, groups.build());
      if (by != CostGrouping.SERVICE) {
        out.println();
        Table.Builder top = Table.withColumns("top service", "total " + summary.currency());
        summary.topServices().forEach(s -> top.row(s.name(), Money.format(s.total())));
        TablePrinter.print(out, OutputFormat.TABLE, top.build());
      }
      out.println();
      Table.Builder days = Table.withColumns("date", "total " + summary.currency(), "change");
      BigDecimal previous = null;
      for (CostSummary.DayTotal day : summary.days()) {
        days.row(
            day.date(),
            Money.format(day.total()),
            previous == null ? "" : Money.signed(day.total().subtract(previous)));
        previous = day.total();
      }
      TablePrinter.print(out, OutputFormat.TABLE, days.build());
    }
  }

  /** A group's share of the total, in percent with one decimal. */
  static String share(BigDecimal part, BigDecimal total) {
    if (total.signum() == 0) {
      return "";
    }
    return part.multiply(BigDecimal.valueOf(100))
            .divide(total, 1, RoundingMode.HALF_UP)
            .toPlainString()
        + "%";
  }

  /** One line per (day, group): the per-day series, ready for a spreadsheet. */
  static Table csv(List<CostSummary> summaries) {
    Table.Builder table = Table.withColumns("date", "group", "amount", "currency");
    for (CostSummary summary : summaries) {
      for (CostSummary.DayTotal day : summary.days()) {
        day.byGroup()
            .forEach(
                (group, amount) ->
                    table.row(day.date(), group, amount.toPlainString(), summary.currency()));
      }
    }
    return table.build();
  }

  /** The report as one JSON document; amounts are strings, so no reader turns them into doubles. */
  static Map<String, Object> json(CostWindow window, CostGrouping by, List<CostSummary> summaries) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", window.start().toString());
    json.put("to", window.end().minusDays(1).toString());
    json.put("days", window.days());
    json.put("by", by.lowerName());
    List<Object> currencies = new ArrayList<>();
    for (CostSummary summary : summaries) {
      Map<String, Object> currency = new LinkedHashMap<>();
      currency.put("currency", summary.currency());
      currency.put("total", summary.total().toPlainString());
      currency.put("rows", summary.rows());
      currency.put("estimatedRows", summary.estimatedRows());
      currency.put("groups", summary.groups().stream().map(CostReportText::group).toList());
      currency.put(
          "topServices", summary.topServices().stream().map(CostReportText::group).toList());
      List<Object> days = new ArrayList<>();
      for (CostSummary.DayTotal day : summary.days()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("date", day.date().toString());
        entry.put("total", day.total().toPlainString());
        Map<String, String> groups = new LinkedHashMap<>();
        day.byGroup().forEach((name, amount) -> groups.put(name, amount.toPlainString()));
        entry.put("byGroup", groups);
        days.add(entry);
      }
      currency.put("perDay", days);
      summary
          .dayOverDay()
          .ifPresent(
              change -> {
                Map<String, Object> dod = new LinkedHashMap<>();
                dod.put("date", change.day().toString());
                dod.put("total", change.total().toPlainString());
                dod.put("previous", change.previous().toPlainString());
                dod.put("change", change.change().toPlainString());
                dod.put("percent", change.percent().map(BigDecimal::toPlainString).orElse(null));
                currency.put("dayOverDay", dod);
              });
      currencies.add(currency);
    }
    json.put("currencies", currencies);
    return json;
  }

  private static Map<String, String> group(CostSummary.GroupTotal group) {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("name", group.name());
    json.put("total", group.total().toPlainString());
    return json;
  }
}
