package io.cloudledger.core.secrets.keystore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decrypted content of a keystore: {@code {"secrets": {name: {value, created, updated}}}} as
 * UTF-8 JSON. Timestamps are ISO-8601 instants, kept as text so an odd one never blocks reading.
 */
final class KeystorePayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One stored secret. Not a public type: its {@code value} is plain text. */
  record Entry(String value, String created, String updated) {
    @Override
    public String toString() {
      return "Entry[value=****, created=" + created + ", updated=" + updated + "]";
    }
  }

  private record Document(Map<String, Entry> secrets) {}

  private KeystorePayload() {}

  static byte[] encode(Map<String, Entry> secrets) {
    try {
      return JSON.writeValueAsBytes(new Document(new TreeMap<>(secrets)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the keystore payload", e);
    }
  }

  static TreeMap<String, Entry> decode(byte[] json, Path file) {
    try {
      Document document = JSON.readValue(json, new TypeReference<Document>() {});
      return document.secrets() == null ? new TreeMap<>() : new TreeMap<>(document.secrets());
    } catch (IOException e) {
      // The cause is dropped on purpose: Jackson quotes input text, which here is secret values.
      throw new KeystoreFormatException(
          "keystore " + file + " decrypted correctly but its content is not a readable secret map");
    }
  }
}
