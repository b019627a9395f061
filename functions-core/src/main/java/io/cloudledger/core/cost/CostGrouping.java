package io.cloudledger.core.cost;

import java.util.Locale;

/** What a cost report groups by. */
public enum CostGrouping {
  SERVICE,
  ACCOUNT,
  PROVIDER;

  /** The group of {@code row}: its service, account key or provider prefix. */
  public String groupOf(CostRow row) {
    return switch (this) {
      case SERVICE -> row.service();
      case ACCOUNT -> row.accountKey().value();
      case PROVIDER -> row.accountKey().provider().prefix();
    };
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
