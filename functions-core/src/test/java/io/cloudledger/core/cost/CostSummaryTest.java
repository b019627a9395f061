package io.cloudledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostSummaryTest {
  static final AccountKey A = AccountKey.parse("aws#111111111111");
  static final AccountKey Z = AccountKey.parse("azure#sub-1");
  static final CostWindow WINDOW =
      new CostWindow(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-04"));

  static CostRow row(AccountKey account, String date, String service, String amount, String cur) {
    return new CostRow(
        account, LocalDate.parse(date), service, CostRow.parseAmount(amount), cur, false);
  }

  final List<CostRow> rows =
      List.of(
          row(A, "2026-03-01", "Lambda", "0.10", "USD"),
          row(A, "2026-03-01", "S3", "0.20", "USD"),
          row(Z, "2026-03-03", "VMs", "1.05", "USD"),
          row(A, "2026-03-03", "Lambda", "0.45", "USD"),
          row(A, "2026-03-03", "Lambda", "99", "EUR"));

  @Test
  void of_splitsCurrencies_andSumsExactly() {
    List<CostSummary> summaries = CostSummary.of(rows, WINDOW, CostGrouping.SERVICE);
    assertThat(summaries).extracting(CostSummary::currency).containsExactly("EUR", "USD");
    CostSummary usd = summaries.get(1);
    assertThat(usd.total().toPlainString()).isEqualTo("1.8");
    assertThat(usd.rows()).isEqualTo(4);
    assertThat(usd.groups())
        .extracting(g -> g.name() + "=" + g.total().toPlainString())
        .containsExactly("VMs=1.05", "Lambda=0.55", "S3=0.2");
  }

  @Test
  void days_coverTheWholeWindow_withZeroForDaysWithoutRows() {
    CostSummary usd = CostSummary.of(rows, WINDOW, CostGrouping.PROVIDER).get(1);
    assertThat(usd.days())
        .extracting(d -> d.date() + "=" + d.total().toPlainString())
        .containsExactly("2026-03-01=0.3", "2026-03-02=0", "2026-03-03=1.5");
    assertThat(usd.days().get(2).byGroup()).containsOnlyKeys("aws", "azure");
    assertThat(usd.seriesByGroup().get("azure"))
        .containsExactly(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1.05"));
  }

  @Test
  void dayOverDay_comparesTheLastTwoDays_andHasNoPercentAfterAFreeDay() {
    CostSummary usd = CostSummary.of(rows, WINDOW, CostGrouping.ACCOUNT).get(1);
    CostSummary.DayChange change = usd.dayOverDay().orElseThrow();
    assertThat(change.day()).isEqualTo(LocalDate.parse("2026-03-03"));
    assertThat(change.change().toPlainString()).isEqualTo("1.5");
    assertThat(change.percent()).isEmpty();
    List<CostRow> steady =
        List.of(row(A, "2026-03-02", "S", "2.00", "USD"), row(A, "2026-03-03", "S", "3", "USD"));
    assertThat(
            CostSummary.of(steady, WINDOW, CostGrouping.ACCOUNT)
                .get(0)
                .dayOverDay()
                .orElseThrow()
                .percent())
        .contains(new BigDecimal("50.0"));
  }

  @Test
  void topServices_rankByTotalThenName() {
    CostSummary usd = CostSummary.of(rows, WINDOW, CostGrouping.ACCOUNT).get(1);
    assertThat(usd.topServices())
        .extracting(CostSummary.GroupTotal::name)
        .containsExactly("VMs", "Lambda", "S3");
  }
}
