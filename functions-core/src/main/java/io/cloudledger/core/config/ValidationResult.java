package io.cloudledger.core.config;

import java.nio.file.Path;
import java.util.List;

/** The outcome of validating a configuration file, without throwing. */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Invalid {

  Path file();

  List<ConfigProblem> errors();

  List<ConfigProblem> warnings();

  /** Every problem formatted as {@code file:line: path: message}, errors first. */
  default List<String> formattedProblems() {
    return java.util.stream.Stream.concat(
            errors().stream().map(p -> "error: " + p.format(file())),
            warnings().stream().map(p -> "warning: " + p.format(file())))
        .toList();
  }

  /** The file is usable; it may still have warnings. */
  record Valid(CloudledgerConfig config) implements ValidationResult {
    @Override
    public Path file() {
      return config.source();
    }

    @Override
    public List<ConfigProblem> errors() {
      return List.of();
    }

    @Override
    public List<ConfigProblem> warnings() {
      return config.warnings();
    }
  }

  /** The file has at least one error. */
  record Invalid(Path file, List<ConfigProblem> errors, List<ConfigProblem> warnings)
      implements ValidationResult {
    public Invalid {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }

    /** The errors as the exception {@link ConfigLoader#load} throws. */
    public ConfigException toException() {
      return new ConfigException(file, errors);
    }
  }
}
