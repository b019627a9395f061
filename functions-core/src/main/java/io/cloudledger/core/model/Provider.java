package io.cloudledger.core.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A cloud provider; {@link #prefix()} starts every account key of that cloud. */
public enum Provider {
  AWS("aws"),
  AZURE("azure"),
  GCP("gcp");

  private final String prefix;

  Provider(String prefix) {
    this.prefix = prefix;
  }

  /** The lowercase prefix used in account keys, e.g. {@code aws}. */
  public String prefix() {
    return prefix;
  }

  /** The provider whose prefix is {@code prefix} (case-insensitive). */
  public static Provider fromPrefix(String prefix) {
    for (Provider provider : values()) {
      if (provider.prefix.equalsIgnoreCase(prefix)) {
        return provider;
      }
    }
    throw new IllegalArgumentException(
        "unknown provider '"
            + prefix
            + "', expected one of "
            + Arrays.stream(values()).map(Provider::prefix).collect(Collectors.joining(", ")));
  }
}
