package io.cloudledger.cli;

import java.math.BigDecimal;

/** Prints amounts exactly: never rounded, at least two decimals ({@code 12.5} prints 12.50). */
final class Money {
  private Money() {}

  static String format(BigDecimal amount) {
    return (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
  }

  /** With an explicit sign, for changes: {@code +12.00}, {@code -0.50}. */
  static String signed(BigDecimal amount) {
    return (amount.signum() >= 0 ? "+" : "") + format(amount);
  }
}
