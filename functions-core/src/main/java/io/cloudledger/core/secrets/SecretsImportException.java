package io.cloudledger.core.secrets;

import java.util.List;
import java.util.Map;

/**
 * An import did not complete; the source file was kept. Lists the names that were stored and the
 * names that failed with their reasons, never values.
 */
public class SecretsImportException extends SecretStoreException {
  private final List<String> stored;
  private final Map<String, String> failed;

  public SecretsImportException(String message, List<String> stored, Map<String, String> failed) {
    super(message);
    this.stored = List.copyOf(stored);
    this.failed = Map.copyOf(failed);
  }

  /** Names written and read back correctly before or despite the failure. */
  public List<String> stored() {
    return stored;
  }

  /** Names that could not be stored, with the reason. */
  public Map<String, String> failed() {
    return failed;
  }
}
