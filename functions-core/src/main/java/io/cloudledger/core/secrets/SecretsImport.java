package io.cloudledger.core.secrets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the secrets of a plain-text {@code secrets.yaml} (a flat map {@code name: value}) into a
 * store, reads each one back, and deletes the file only when every secret is stored and verified.
 * On any failure the file stays, and the error names what was stored and what failed.
 *
 * <p>Values are taken exactly as written: an unquoted {@code 0123} or {@code yes} is imported as
 * those characters, not as the number 123 or the boolean true.
 */
public final class SecretsImport {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsImport.class);
  private static final YAMLFactory YAML = new YAMLFactory();

  private final SecretsManager manager;

  public SecretsImport(SecretsManager manager) {
    this.manager = manager;
  }

  /** Imports into the first writable store. */
  public ImportResult importFile(Path file) {
    return importFile(file, manager.defaultWritableStore().name());
  }

  /** Imports into the named store. */
  public ImportResult importFile(Path file, String storeName) {
    SecretStore store = manager.store(storeName); // unknown store: fail before reading anything
    Map<String, SecretValue> secrets = read(file);
    List<String> stored = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (Map.Entry<String, SecretValue> secret : secrets.entrySet()) {
      String name = secret.getKey();
      try {
        manager.set(name, secret.getValue(), store.name());
        // Read back from the same store: a higher-priority copy elsewhere must not mask a loss.
        Optional<SecretValue> readBack = manager.get(name, store.name());
        if (readBack.isEmpty()) {
          failed.put(name, "not found when read back");
        } else if (!readBack.get().equals(secret.getValue())) {
          failed.put(name, "read back a different value");
        } else {
          stored.add(name);
        }
      } catch (SecretStoreException | IllegalArgumentException e) {
        failed.put(name, e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      String message =
          "imported "
              + stored.size()
              + " of "
              + secrets.size()
              + " secrets from "
              + file
              + " into store '"
              + store.name()
              + "'; the file was kept. Stored: "
              + (stored.isEmpty() ? "(none)" : String.join(", ", stored))
              + ". Failed: "
              + failed.entrySet().stream()
                  .map(e -> e.getKey() + " (" + e.getValue() + ")")
                  .collect(Collectors.joining(", "));
      LOG.warn("{}", message);
      throw new SecretsImportException(message, stored, failed);
    }
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new SecretsImportException(
          "imported and verified all "
              + stored.size()
              + " secrets from "
              + file
              + " into store '"
              + store.name()
              + "', but could not delete the file ("
              + e
              + "); delete it by hand, it holds the secrets in plain text",
          stored,
          Map.of());
    }
    LOG.info(
        "imported {} secrets from {} into store '{}' and deleted the file",
        stored.size(),
        file,
        store.name());
    return new ImportResult(file, store.name(), stored);
  }

  /** Parses the whole file first, so a malformed file stores nothing. */
  private static Map<String, SecretValue> read(Path file) {
    Map<String, SecretValue> secrets = new LinkedHashMap<>();
    try (JsonParser parser = YAML.createParser(Files.newInputStream(file))) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new SecretStoreException("secrets file " + file + " is empty; nothing to import");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new SecretStoreException(
            "secrets file " + file + " must be a flat map of name: value");
      }
      int position = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        position++;
        String name = parser.currentName();
        try {
          SecretNames.requireValid(name);
        } catch (IllegalArgumentException e) {
          throw new SecretStoreException(
              "entry " + position + " of " + file + " has an invalid name: " + e.getMessage());
        }
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          throw new SecretStoreException(
              "'" + name + "' in " + file + " must be a plain text value, not a map or list");
        }
        if (value == JsonToken.VALUE_NULL) {
          throw new SecretStoreException("'" + name + "' in " + file + " has no value");
        }
        // getText() is the scalar exactly as written, even when YAML would type it.
        if (secrets.put(name, SecretValue.of(parser.getText())) != null) {
          throw new SecretStoreException("'" + name + "' appears twice in " + file);
        }
      }
      if (parser.nextToken() != null) {
        throw new SecretStoreException(
            "secrets file " + file + " holds more than one YAML document; put all secrets in one");
      }
    } catch (NoSuchFileException e) {
      throw new SecretStoreException("secrets file " + file + " does not exist");
    } catch (JsonProcessingException e) {
      // Not chained: the parser's message may quote the offending text, i.e. a secret value.
      JsonLocation at = e.getLocation();
      throw new SecretStoreException(
          "secrets file "
              + file
              + " is not valid YAML"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new SecretStoreException("cannot read secrets file " + file + ": " + e, e);
    }
    if (secrets.isEmpty()) {
      throw new SecretStoreException(
          "secrets file " + file + " holds no secrets; nothing to import");
    }
    return secrets;
  }
}
