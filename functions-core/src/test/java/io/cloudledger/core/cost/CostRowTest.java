package io.cloudledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CostRowTest {
  static final AccountKey ACCOUNT = AccountKey.parse("aws#123456789012");
  static final LocalDate DAY = LocalDate.of(2026, 3, 1);

  static CostRow row(String amount) {
    return new CostRow(ACCOUNT, DAY, "AWS Lambda", CostRow.parseAmount(amount), "USD", false);
  }

  @Test
  void parseAmount_whenProviderPadsZeros_equalsTheShortForm() {
    assertThat(row("12.3400000000")).isEqualTo(row("12.34"));
    assertThat(row("12.3400000000").amount().toPlainString()).isEqualTo("12.34");
  }

  @Test
  void parseAmount_whenWholeHundreds_printsWithoutExponent() {
    assertThat(CostRow.parseAmount("1200.0000000000").toPlainString()).isEqualTo("1200");
    assertThat(CostRow.parseAmount("0E-10").toPlainString()).isEqualTo("0");
  }

  @Test
  void amounts_sumExactly_whereDoublesWouldNot() {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 10; i++) {
      sum = sum.add(CostRow.parseAmount("0.1"));
    }
    assertThat(sum).isEqualByComparingTo("1.0");
    assertThat(0.1 * 10 == 1.0 && 0.1 + 0.2 != 0.3).isTrue(); // the doubles we avoid
    assertThat(CostRow.parseAmount("0.1").add(CostRow.parseAmount("0.2")).toPlainString())
        .isEqualTo("0.3");
  }

  @Test
  void parseAmount_whenNotANumber_namesTheText() {
    assertThatThrownBy(() -> CostRow.parseAmount("12,34"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'12,34'");
  }

  @Test
  void rowKey_isDateThenService() {
    assertThat(row("1").rowKey()).isEqualTo("2026-03-01#AWS Lambda");
  }

  @Test
  void sameValuesAs_whenEstimatedFlips_isFalse() {
    CostRow estimated = new CostRow(ACCOUNT, DAY, "AWS Lambda", BigDecimal.ONE, "USD", true);
    assertThat(row("1").sameValuesAs(estimated)).isFalse();
    assertThat(row("1.000").sameValuesAs(row("1"))).isTrue();
    assertThat(row("1.01").sameValuesAs(row("1"))).isFalse();
  }
}
