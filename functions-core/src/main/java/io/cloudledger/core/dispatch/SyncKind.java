package io.cloudledger.core.dispatch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a sync request covers; add a constant for a new kind (its key travels in messages). */
public enum SyncKind {
  /** Resources: VMs, storage, networks, subnets. */
  INVENTORY,
  /** Daily cost per service, from the billing scope that covers the account. */
  COST;

  /** The lowercase form used in messages and on the command line, e.g. {@code inventory}. */
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind whose key is {@code value} (case-insensitive). */
  @JsonCreator
  public static SyncKind fromKey(String value) {
    for (SyncKind kind : values()) {
      if (kind.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown sync kind '"
            + value
            + "', expected one of "
            + Arrays.stream(values()).map(SyncKind::key).collect(Collectors.joining(", ")));
  }
}
