package io.cloudledger.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The cloud a session connects to ({@code session_type}). */
public enum SessionType {
  AWS,
  AZURE,
  GCP;

  /** The spelling in the file: {@code aws}, {@code azure}, {@code gcp}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<SessionType> fromYaml(String text) {
    return Arrays.stream(values()).filter(t -> t.yamlName().equals(text)).findFirst();
  }

  static List<String> yamlNames() {
    return Arrays.stream(values()).map(SessionType::yamlName).toList();
  }
}
