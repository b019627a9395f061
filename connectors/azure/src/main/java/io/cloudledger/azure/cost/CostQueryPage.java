package io.cloudledger.azure.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.model.AccountKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One page of a Cost Management query result, read from the column/rows shape of Azure's published
 * examples: {@code properties.columns} [{name,type}], {@code properties.rows} (arrays in column
 * order), {@code properties.nextLink}. Amounts are read as the JSON text says, into {@link
 * BigDecimal} (Jackson with {@code USE_BIG_DECIMAL_FOR_FLOATS}), never through a {@code double}.
 */
record CostQueryPage(List<CostRow> rows, Optional<String> nextLink) {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  CostQueryPage {
    rows = List.copyOf(rows);
  }

  /**
   * Parses {@code body}: rows of {@code account}, amount from the column named {@code aggregation},
   * {@code estimated} as {@code isEstimated} says for the row's date.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  static CostQueryPage parse(
      byte[] body, AccountKey account, String aggregation, Predicate<LocalDate> isEstimated) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the query result is not JSON: " + e.getClass().getSimpleName());
    }
    JsonNode properties = root == null ? null : root.get("properties");
    if (properties == null || !properties.path("columns").isArray()) {
      throw new IllegalArgumentException("the query result has no properties.columns");
    }
    List<String> columns = new ArrayList<>();
    properties.path("columns").forEach(c -> columns.add(c.path("name").asText("")));
    int amount = column(columns, aggregation);
    int date = column(columns, "UsageDate");
    int service = column(columns, "ServiceName");
    int currency = column(columns, "Currency");
    List<CostRow> rows = new ArrayList<>();
    for (JsonNode row : properties.path("rows")) {
      if (!row.isArray() || row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " values for " + columns.size() + " columns: " + row);
      }
      LocalDate day = usageDate(row.get(date));
      rows.add(
          new CostRow(
              account,
              day,
              row.get(service).asText(),
              amount(row.get(amount)),
              row.get(currency).asText(),
              isEstimated.test(day)));
    }
    String next = properties.path("nextLink").asText("");
    return new CostQueryPage(rows, next.isBlank() ? Optional.empty() : Optional.of(next));
  }

  private static int column(List<String> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "the query result has no column " + name + " (columns: " + columns + ")");
  }

  /** Exactly the decimal the JSON holds: a number node is a BigDecimal already, text is parsed. */
  static BigDecimal amount(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      return CostRow.parseAmount(value.asText());
    }
    throw new IllegalArgumentException("an amount is neither a number nor text: " + value);
  }

  /** {@code 20261101} (Daily granularity) or, as some api-versions write it, an ISO date-time. */
  static LocalDate usageDate(JsonNode value) {
    String text = value.asText("").strip();
    try {
      if (value.isIntegralNumber() || text.matches("\\d{8}")) {
        return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
      }
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("UsageDate '" + text + "' is not a date like 20261101");
    }
  }
}
