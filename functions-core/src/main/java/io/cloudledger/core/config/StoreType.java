package io.cloudledger.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kind of a cloud secret store ({@code store_type}). */
public enum StoreType {
  AWS(SessionType.AWS),
  AZURE(SessionType.AZURE),
  GCP(SessionType.GCP),
  VAULT(null);

  private final SessionType sessionType;

  StoreType(SessionType sessionType) {
    this.sessionType = sessionType;
  }

  /** The spelling in the file: {@code aws}, {@code azure}, {@code gcp}, {@code vault}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of cloud session whose credentials the store uses; empty for Vault. */
  public Optional<SessionType> sessionType() {
    return Optional.ofNullable(sessionType);
  }

  static Optional<StoreType> fromYaml(String text) {
    return Arrays.stream(values()).filter(t -> t.yamlName().equals(text)).findFirst();
  }

  static List<String> yamlNames() {
    return Arrays.stream(values()).map(StoreType::yamlName).toList();
  }
}
