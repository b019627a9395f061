package io.cloudledger.core.config;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Access to the YAML fixtures under {@code src/test/resources/config/} and inline YAML. */
final class Fixtures {
  static final Path INLINE = Path.of("inline.yaml");

  private Fixtures() {}

  static Path fixture(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/config/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }

  static List<ConfigProblem> errors(String yaml) {
    return ConfigLoader.validate(yaml, INLINE).errors();
  }

  static List<ConfigProblem> warnings(String yaml) {
    return ConfigLoader.validate(yaml, INLINE).warnings();
  }
}
