package io.cloudledger.core.secrets;

import java.nio.file.Path;
import java.util.List;

/** What {@link SecretsImport} stored: the names (never values), the store, and the file removed. */
public record ImportResult(Path source, String store, List<String> imported) {
  public ImportResult {
    imported = List.copyOf(imported);
  }
}
