package io.cloudledger.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects errors and warnings while reading a file, so all of them are reported at once. */
final class Problems {
  private static final Comparator<ConfigProblem> FILE_ORDER =
      Comparator.comparingInt((ConfigProblem p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line())
          .thenComparing(ConfigProblem::path);

  private final List<ConfigProblem> errors = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();

  void error(String path, int line, String message) {
    errors.add(new ConfigProblem(path, line, message));
  }

  void warning(String path, int line, String message) {
    warnings.add(new ConfigProblem(path, line, message));
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  List<ConfigProblem> errors() {
    return errors.stream().sorted(FILE_ORDER).toList();
  }

  List<ConfigProblem> warnings() {
    return warnings.stream().sorted(FILE_ORDER).toList();
  }
}
