package io.cloudledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the configuration file: {@code --config}, else {@code CLOUDLEDGER_CONFIG}, else {@code
 * ./cloudledger.yaml}, else {@code <home>/cloudledger.yaml}.
 */
final class ConfigLocation {
  static final String CONFIG_VARIABLE = "CLOUDLEDGER_CONFIG";
  static final String FILE_NAME = "cloudledger.yaml";

  private ConfigLocation() {}

  /** The file to use, or empty when none was named and none exists in the usual places. */
  static Optional<Path> find(CliEnvironment environment, Path explicit) {
    if (explicit != null) {
      return Optional.of(environment.workingDirectory().resolve(explicit));
    }
    String fromEnv = environment.env().get(CONFIG_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(environment.workingDirectory().resolve(fromEnv));
    }
    for (Path candidate :
        new Path[] {
          environment.workingDirectory().resolve(FILE_NAME), environment.home().resolve(FILE_NAME)
        }) {
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Like {@link #find}, but a missing file is a usage error that says where we looked. */
  static Path require(CliEnvironment environment, Path explicit) {
    return find(environment, explicit)
        .orElseThrow(
            () ->
                CliException.usage(
                    "no configuration file: pass --config FILE, set "
                        + CONFIG_VARIABLE
                        + ", or create "
                        + environment.workingDirectory().resolve(FILE_NAME)
                        + " or "
                        + environment.home().resolve(FILE_NAME)));
  }
}
