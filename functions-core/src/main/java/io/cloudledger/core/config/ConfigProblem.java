package io.cloudledger.core.config;

import java.nio.file.Path;

/**
 * One error or warning about a configuration file: the key path (e.g. {@code
 * cloud_sessions[2].client_secret}), the 1-based YAML line (0 when unknown) and a message that
 * never contains a secret value.
 */
public record ConfigProblem(String path, int line, String message) {

  public ConfigProblem {
    if (path == null || message == null) {
      throw new IllegalArgumentException("path and message are required");
    }
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 (unknown) or positive");
    }
  }

  /** {@code file:line: path: message}, the form editors and CI logs link to. */
  public String format(Path file) {
    StringBuilder text = new StringBuilder(String.valueOf(file));
    if (line > 0) {
      text.append(':').append(line);
    }
    text.append(": ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    return text.append(message).toString();
  }
}
