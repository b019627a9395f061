package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.cost.CostGrouping;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSummary;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostReportHtmlTest {
  static final CostWindow WINDOW =
      new CostWindow(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"));
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void niceStep_isOneTwoOrFiveTimesAPowerOfTen_coveringTheMaximumInFiveSteps() {
    assertThat(CostReportHtml.niceStep(new BigDecimal("1650"))).isEqualByComparingTo("500");
    assertThat(CostReportHtml.niceStep(new BigDecimal("999"))).isEqualByComparingTo("200");
    assertThat(CostReportHtml.niceStep(new BigDecimal("0.2"))).isEqualByComparingTo("0.05");
    assertThat(CostReportHtml.niceStep(BigDecimal.ZERO)).isEqualByComparingTo("1");
  }

  @Test
  void render_escapesNamesAndShowsExactTotals() {
    List<CostRow> rows =
        List.of(
            new CostRow(
                AccountKey.parse("aws#111111111111"),
                LocalDate.parse("2026-03-01"),
                "<script>alert(1)</script>",
                new BigDecimal("0.10"),
                "USD",
                false),
            new CostRow(
                AccountKey.parse("aws#111111111111"),
                LocalDate.parse("2026-03-02"),
                "AWS Lambda",
                new BigDecimal("0.20"),
                "USD",
                true));
    String html =
        CostReportHtml.render(
            WINDOW,
            CostGrouping.SERVICE,
            CostSummary.of(rows, WINDOW, CostGrouping.SERVICE),
            CLOCK);
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("0.30 USD")
        .contains("+0.10 (+100.0%)")
        .contains("daily rows (1 estimated)");
  }

  @Test
  void render_withoutRows_saysHowToGetSome() {
    assertThat(CostReportHtml.render(WINDOW, CostGrouping.ACCOUNT, List.of(), CLOCK))
        .contains("No cost rows")
        .contains("cloudledger sync --kinds cost");
  }
}
