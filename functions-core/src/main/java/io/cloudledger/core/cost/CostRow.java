package io.cloudledger.core.cost;

import io.cloudledger.core.model.AccountKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The cost of one service in one account on one day. The amount is exact and normalized (trailing
 * zeros stripped), so {@code 12.34} and {@code 12.3400000000} make equal rows.
 *
 * @param currency ISO code as the provider reports it, e.g. {@code USD}
 * @param estimated true while the provider may still revise the day
 */
public record CostRow(
    AccountKey accountKey,
    LocalDate date,
    String service,
    BigDecimal amount,
    String currency,
    boolean estimated) {

  /** Separates the date from the service in {@link #rowKey()}. */
  public static final String KEY_SEPARATOR = "#";

  public CostRow {
    Objects.requireNonNull(accountKey, "accountKey");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (service.isBlank()) {
      throw new IllegalArgumentException("a cost row needs a service name");
    }
    if (currency.isBlank()) {
      throw new IllegalArgumentException("a cost row needs a currency");
    }
    amount = normalize(amount);
  }

  /** Parses an amount as providers send it ({@code "12.3400000000"}), exactly. */
  public static BigDecimal parseAmount(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return normalize(new BigDecimal(text.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a decimal amount", e);
    }
  }

  /** Strips trailing zeros but never writes an exponent: 1200.00 stays 1200, not 1.2E+3. */
  static BigDecimal normalize(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * The row's key within its account: {@code <date>#<service>}, e.g. {@code 2026-03-01#AWS Lambda}.
   */
  public String rowKey() {
    return date + KEY_SEPARATOR + service;
  }

  /** True when the two rows would store the same values (amount, currency, estimated). */
  public boolean sameValuesAs(CostRow other) {
    return amount.compareTo(other.amount) == 0
        && currency.equals(other.currency)
        && estimated == other.estimated;
  }
}
