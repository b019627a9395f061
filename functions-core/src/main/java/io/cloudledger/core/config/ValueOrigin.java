package io.cloudledger.core.config;

import java.nio.file.Path;

/** Where a value was written: the file, its key path and 1-based line (0 when unknown). */
public record ValueOrigin(Path file, String keyPath, int line) {

  public ValueOrigin {
    if (file == null || keyPath == null) {
      throw new IllegalArgumentException("file and keyPath are required");
    }
  }

  /** A problem about this value, located at its key path and line. */
  ConfigProblem problem(String message) {
    return new ConfigProblem(keyPath, line, message);
  }

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + " " + keyPath;
  }
}
