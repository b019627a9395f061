package io.cloudledger.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file is unusable, or a value could not be resolved. Carries every problem found
 * (never only the first), each naming the file, key path and line; never a secret value.
 */
public class ConfigException extends RuntimeException {
  private final Path file;
  private final List<ConfigProblem> problems;

  public ConfigException(Path file, List<ConfigProblem> problems) {
    super(describe(file, problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  public Path file() {
    return file;
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(Path file, List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return problems.getFirst().format(file);
    }
    return file
        + " has "
        + problems.size()
        + " problems:\n"
        + problems.stream().map(p -> "  " + p.format(file)).collect(Collectors.joining("\n"));
  }
}
