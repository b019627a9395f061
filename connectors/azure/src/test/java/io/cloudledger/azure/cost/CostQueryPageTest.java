package io.cloudledger.azure.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Cost Management's column/rows result exactly, in the shape of Azure's examples. */
class CostQueryPageTest {
  static final AccountKey ACCOUNT = AccountKey.parse("azure#00000000-0000-0000-0000-000000000000");

  // The shape of the REST specs' example "SubscriptionQueryGrouping" (Daily, ServiceName).
  static final String EXAMPLE =
      """
      {
        "id": "subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.CostManagement/query/9af9459d-441d-4055-9ed0-83d4c4a363fb",
        "name": "9af9459d-441d-4055-9ed0-83d4c4a363fb",
        "type": "microsoft.costmanagement/Query",
        "properties": {
          "nextLink": "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.CostManagement/query?api-version=2023-03-01&$skiptoken=AQAAAA%3D%3D",
          "columns": [
            {"name": "PreTaxCost", "type": "Number"},
            {"name": "UsageDate", "type": "Number"},
            {"name": "ServiceName", "type": "String"},
            {"name": "Currency", "type": "String"}
          ],
          "rows": [
            [0.1, 20261101, "Storage", "USD"],
            [0.2, 20261101, "Bandwidth", "USD"],
            [12345678.905, 20261102, "Virtual Machines", "EUR"],
            [2.10333307059661, 20261102, "abc db", "EUR"],
            [3, 20261102, "Key Vault", "EUR"]
          ]
        }
      }
      """;

  static CostQueryPage parse(String json) {
    return CostQueryPage.parse(
        json.getBytes(StandardCharsets.UTF_8),
        ACCOUNT,
        "PreTaxCost",
        day -> day.equals(LocalDate.parse("2026-11-02")));
  }

  @Test
  void parse_readsAmountsExactly_neverThroughADouble() {
    List<CostRow> rows = parse(EXAMPLE).rows();
    assertThat(rows)
        .extracting(r -> r.amount().toPlainString())
        .containsExactly("0.1", "0.2", "12345678.905", "2.10333307059661", "3");
    // 0.1 + 0.2 is 0.30000000000000004 in double; here it is 0.3.
    assertThat(rows.get(0).amount().add(rows.get(1).amount())).isEqualTo(new BigDecimal("0.3"));
    assertThat(rows.get(2).amount()).isEqualTo(new BigDecimal("12345678.905"));
  }

  @Test
  void parse_mapsUsageDateServiceCurrencyAndEstimated() {
    List<CostRow> rows = parse(EXAMPLE).rows();
    CostRow vm = rows.get(2);
    assertThat(vm.accountKey()).isEqualTo(ACCOUNT);
    assertThat(vm.date()).isEqualTo(LocalDate.parse("2026-11-02"));
    assertThat(vm.service()).isEqualTo("Virtual Machines");
    assertThat(vm.currency()).isEqualTo("EUR");
    assertThat(vm.estimated()).isTrue();
    assertThat(rows.get(0).estimated()).isFalse();
  }

  @Test
  void parse_returnsTheNextLink_orNoneWhenNull() {
    assertThat(parse(EXAMPLE).nextLink())
        .hasValueSatisfying(l -> assertThat(l).contains("$skiptoken"));
    assertThat(
            parse(EXAMPLE.replaceFirst("\"nextLink\": \"[^\"]*\"", "\"nextLink\": null"))
                .nextLink())
        .isEmpty();
  }

  @Test
  void parse_findsColumnsByName_inAnyOrder() {
    String reordered =
        """
        {"properties": {"nextLink": null,
          "columns": [{"name": "ServiceName", "type": "String"}, {"name": "Currency", "type": "String"},
                      {"name": "UsageDate", "type": "Number"}, {"name": "PreTaxCost", "type": "Number"}],
          "rows": [["Storage", "USD", 20261101, 0.07]]}}
        """;
    CostRow row = parse(reordered).rows().getFirst();
    assertThat(row.service()).isEqualTo("Storage");
    assertThat(row.amount()).isEqualTo(new BigDecimal("0.07"));
  }

  @Test
  void parse_whenTheCostColumnIsMissing_namesIt() {
    assertThatThrownBy(
            () ->
                CostQueryPage.parse(
                    EXAMPLE.getBytes(StandardCharsets.UTF_8), ACCOUNT, "Cost", d -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no column Cost");
  }
}
