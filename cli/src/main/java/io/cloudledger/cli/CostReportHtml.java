package io.cloudledger.cli;

import io.cloudledger.core.cost.CostGrouping;
import io.cloudledger.core.cost.CostSummary;
import io.cloudledger.core.cost.CostWindow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cost report --output html}: one self-contained page (inline CSS and SVG, no script, no
 * font or CDN), so it opens offline and can be mailed. Chart geometry is computed with {@link
 * BigDecimal} too: the page never turns an amount into a {@code double}.
 */
final class CostReportHtml {
  /** Groups drawn separately in the stacked chart; the rest are summed as "other". */
  static final int STACKED_GROUPS = 7;

  private static final String[] COLORS = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f"
  };
  private static final int WIDTH = 960;
  private static final int HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 40;
  private static final DateTimeFormatter SHORT_DATE =
      DateTimeFormatter.ofPattern("MMM d", java.util.Locale.ROOT);

  private CostReportHtml() {}

  static String render(
      CostWindow window, CostGrouping by, List<CostSummary> summaries, Clock clock) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>cloudledger cost report ")
        .append(window.start())
        .append(" to ")
        .append(window.end().minusDays(1))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px 32px;color:#222;background:#fafafa}"
                + "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}"
                + ".sub{color:#666;margin-bottom:16px}.cards{display:flex;gap:16px;flex-wrap:wrap}"
                + ".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;min-width:180px}"
                + ".card .v{font-size:22px;font-weight:bold}.card .l{color:#666;font-size:12px}"
                + ".up{color:#c0392b}.down{color:#27ae60}"
                + "svg{background:#fff;border:1px solid #ddd;border-radius:6px}"
                + "table{border-collapse:collapse;background:#fff;margin-top:8px}"
                + "td,th{border:1px solid #ddd;padding:4px 10px;font-size:13px}td.n{text-align:right;font-family:monospace}"
                + ".legend span{display:inline-block;margin-right:14px;font-size:12px}"
                + ".legend i{display:inline-block;width:10px;height:10px;margin-right:4px}\n")
        .append("</style>\n</head>\n<body>\n")
        .append("<h1>cloudledger cost report</h1>\n<div class=\"sub\">")
        .append(window.start())
        .append(" to ")
        .append(window.end().minusDays(1))
        .append(" (")
        .append(window.days())
        .append(" days), by ")
        .append(by.lowerName())
        .append(" &middot; generated ")
        .append(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append("</div>\n");
    if (summaries.isEmpty()) {
      html.append(
          "<p>No cost rows in this window. Run <code>cloudledger sync --kinds cost</code> first.</p>\n");
    }
    for (CostSummary summary : summaries) {
      section(html, summary, by);
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static void section(StringBuilder html, CostSummary summary, CostGrouping by) {
    String currency = escape(summary.currency());
    html.append("<div class=\"cards\">\n");
    card(html, Money.format(summary.total()) + " " + currency, "total");
    summary
        .dayOverDay()
        .ifPresent(
            change -> {
              String css = change.change().signum() > 0 ? "up" : "down";
              String percent =
                  change
                      .percent()
                      .map(p -> " (" + (p.signum() >= 0 ? "+" : "") + p.toPlainString() + "%)")
                      .orElse("");
              html.append("<div class=\"card\"><div class=\"v ")
                  .append(css)
                  .append("\">")
                  .append(Money.signed(change.change()))
                  .append(percent)
                  .append("</div><div class=\"l\">")
                  .append(change.day())
                  .append(" vs the day before (")
                  .append(Money.format(change.total()))
                  .append(" vs ")
                  .append(Money.format(change.previous()))
                  .append(")</div></div>\n");
            });
    card(
        html,
        Long.toString(summary.rows()),
        "daily rows (" + summary.estimatedRows() + " estimated)");
    card(
        html,
        Integer.toString(summary.groups().size()),
        by.lowerName() + (summary.groups().size() == 1 ? "" : "s"));
    html.append("</div>\n");

    html.append("<h2>Daily cost by ")
        .append(by.lowerName())
        .append(" (")
        .append(currency)
        .append(")</h2>\n");
    stackedDays(html, summary);
    html.append("<h2>Top services (").append(currency).append(")</h2>\n");
    topServices(html, summary.topServices());
    html.append("<h2>Totals by ")
        .append(by.lowerName())
        .append("</h2>\n<table><tr><th>")
        .append(by.lowerName())
        .append("</th><th>total ")
        .append(currency)
        .append("</th><th>share</th></tr>\n");
    for (CostSummary.GroupTotal group : summary.groups()) {
      html.append("<tr><td>")
          .append(escape(group.name()))
          .append("</td><td class=\"n\">")
          .append(Money.format(group.total()))
          .append("</td><td class=\"n\">")
          .append(CostReportText.share(group.total(), summary.total()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void card(StringBuilder html, String value, String label) {
    html.append("<div class=\"card\"><div class=\"v\">")
        .append(escape(value))
        .append("</div><div class=\"l\">")
        .append(escape(label))
        .append("</div></div>\n");
  }

  /** One column per day, stacked by the top groups plus "other". */
  private static void stackedDays(StringBuilder html, CostSummary summary) {
    List<String> drawn = new ArrayList<>();
    summary.groups().stream().limit(STACKED_GROUPS).forEach(g -> drawn.add(g.name()));
    boolean other = summary.groups().size() > STACKED_GROUPS;
    BigDecimal max =
        summary.days().stream()
            .map(CostSummary.DayTotal::total)
            .reduce(BigDecimal.ZERO, BigDecimal::max);
    BigDecimal step = niceStep(max);
    // As many steps as the tallest day needs (at most five), so the bars use the chart's height.
    int steps = Math.max(1, max.divide(step, 0, RoundingMode.CEILING).intValue());
    BigDecimal top = step.multiply(BigDecimal.valueOf(steps));
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int days = summary.days().size();
    BigDecimal slot =
        BigDecimal.valueOf(plotWidth).divide(BigDecimal.valueOf(days), 3, RoundingMode.HALF_UP);
    BigDecimal barWidth = slot.multiply(new BigDecimal("0.7")).setScale(2, RoundingMode.HALF_UP);
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"daily cost\">\n");
    for (int i = 0; i <= steps; i++) {
      BigDecimal value = step.multiply(BigDecimal.valueOf(i));
      String y = y(value, top, plotHeight);
      html.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"#e5e5e5\"/>")
          .append("<text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(y)
          .append(
              "\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#555\">")
          .append(value.stripTrailingZeros().toPlainString())
          .append("</text>\n");
    }
    int labelEvery = Math.max(1, (days + 9) / 10);
    for (int d = 0; d < days; d++) {
      CostSummary.DayTotal day = summary.days().get(d);
      BigDecimal x =
          slot.multiply(BigDecimal.valueOf(d))
              .add(BigDecimal.valueOf(LEFT))
              .add(slot.subtract(barWidth).divide(BigDecimal.TWO, 2, RoundingMode.HALF_UP));
      BigDecimal base = BigDecimal.ZERO;
      for (int g = 0; g <= drawn.size(); g++) {
        BigDecimal amount;
        if (g < drawn.size()) {
          amount = day.byGroup().getOrDefault(drawn.get(g), BigDecimal.ZERO);
        } else if (other) {
          amount = BigDecimal.ZERO;
          for (Map.Entry<String, BigDecimal> e : day.byGroup().entrySet()) {
            if (!drawn.contains(e.getKey())) {
              amount = amount.add(e.getValue());
            }
          }
        } else {
          break;
        }
        if (amount.signum() > 0) {
          String yTop = y(base.add(amount), top, plotHeight);
          String yBase = y(base, top, plotHeight);
          html.append("<rect x=\"")
              .append(x.toPlainString())
              .append("\" y=\"")
              .append(yTop)
              .append("\" width=\"")
              .append(barWidth.toPlainString())
              .append("\" height=\"")
              .append(new BigDecimal(yBase).subtract(new BigDecimal(yTop)).toPlainString())
              .append("\" fill=\"")
              .append(COLORS[g % COLORS.length])
              .append("\"><title>")
              .append(day.date())
              .append(' ')
              .append(escape(g < drawn.size() ? drawn.get(g) : "other"))
              .append(": ")
              .append(Money.format(amount))
              .append("</title></rect>\n");
          base = base.add(amount);
        }
      }
      if (d % labelEvery == 0 || d == days - 1) {
        html.append("<text x=\"")
            .append(x.add(barWidth.divide(BigDecimal.TWO, 2, RoundingMode.HALF_UP)).toPlainString())
            .append("\" y=\"")
            .append(HEIGHT - BOTTOM + 16)
            .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">")
            .append(day.date().format(SHORT_DATE))
            .append("</text>\n");
      }
    }
    html.append("</svg>\n<div class=\"legend\">");
    for (int g = 0; g < drawn.size(); g++) {
      html.append("<span><i style=\"background:")
          .append(COLORS[g % COLORS.length])
          .append("\"></i>")
          .append(escape(drawn.get(g)))
          .append("</span>");
    }
    if (other) {
      html.append("<span><i style=\"background:")
          .append(COLORS[drawn.size() % COLORS.length])
          .append("\"></i>other</span>");
    }
    html.append("</div>\n");
  }

  /** Horizontal bars, longest first. */
  private static void topServices(StringBuilder html, List<CostSummary.GroupTotal> services) {
    int rowHeight = 26;
    int labelWidth = 290;
    int height = Math.max(1, services.size()) * rowHeight + 10;
    BigDecimal max =
        services.stream()
            .map(CostSummary.GroupTotal::total)
            .reduce(BigDecimal.ZERO, BigDecimal::max);
    int barSpace = WIDTH - labelWidth - 120;
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"top services\">\n");
    for (int i = 0; i < services.size(); i++) {
      CostSummary.GroupTotal service = services.get(i);
      int y = 5 + i * rowHeight;
      String width =
          max.signum() == 0
              ? "0"
              : service
                  .total()
                  .multiply(BigDecimal.valueOf(barSpace))
                  .divide(max, 1, RoundingMode.HALF_UP)
                  .toPlainString();
      html.append("<text x=\"")
          .append(labelWidth - 8)
          .append("\" y=\"")
          .append(y + 13)
          .append(
              "\" font-size=\"12\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#333\">")
          .append(escape(service.name()))
          .append("</text>")
          .append("<rect x=\"")
          .append(labelWidth)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(width)
          .append("\" height=\"")
          .append(rowHeight - 8)
          .append("\" fill=\"")
          .append(COLORS[i % COLORS.length])
          .append("\"/>")
          .append("<text x=\"")
          .append(new BigDecimal(width).add(BigDecimal.valueOf(labelWidth + 6)).toPlainString())
          .append("\" y=\"")
          .append(y + 13)
          .append("\" font-size=\"12\" dominant-baseline=\"middle\" fill=\"#333\">")
          .append(Money.format(service.total()))
          .append("</text>\n");
    }
    html.append("</svg>\n");
  }

  /** The y coordinate of {@code value} on an axis from 0 to {@code top}. */
  private static String y(BigDecimal value, BigDecimal top, int plotHeight) {
    BigDecimal offset =
        value.multiply(BigDecimal.valueOf(plotHeight)).divide(top, 2, RoundingMode.HALF_UP);
    return BigDecimal.valueOf(TOP + plotHeight).subtract(offset).toPlainString();
  }

  /** A round axis step (1, 2 or 5 times a power of ten) with five steps covering {@code max}. */
  static BigDecimal niceStep(BigDecimal max) {
    if (max.signum() <= 0) {
      return BigDecimal.ONE;
    }
    BigDecimal raw = max.divide(BigDecimal.valueOf(5), MathContext.DECIMAL64);
    int exponent = raw.precision() - raw.scale() - 1;
    BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
    for (int factor : new int[] {1, 2, 5, 10}) {
      BigDecimal step = power.multiply(BigDecimal.valueOf(factor));
      if (step.compareTo(raw) >= 0) {
        return step;
      }
    }
    return power.multiply(BigDecimal.TEN);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
