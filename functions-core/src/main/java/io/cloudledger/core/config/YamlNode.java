package io.cloudledger.core.config;

import java.util.List;
import java.util.Map;

/** A YAML node with the line it starts on, so every problem can point at the file. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  int line();

  /** What the YAML type is called in messages ("a mapping", "a list", "a string"...). */
  String describe();

  /** A mapping; entries keep file order. */
  record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping, with the line of the key (values may start on a later line). */
  record Entry(String key, int keyLine, YamlNode value) {}

  /** A list. */
  record Sequence(int line, List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar; {@code text} is the source text (empty for null). */
  record Scalar(int line, Kind kind, String text) implements YamlNode {
    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "a string";
        case INTEGER -> "an integer";
        case DECIMAL -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "an empty value";
      };
    }

    // Deliberately no text in toString: a scalar may be a literal secret.
    @Override
    public String toString() {
      return "Scalar[line=" + line + ", kind=" + kind + "]";
    }
  }

  /** Scalar kinds as YAML resolves them. */
  enum Kind {
    STRING,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    NULL
  }
}
