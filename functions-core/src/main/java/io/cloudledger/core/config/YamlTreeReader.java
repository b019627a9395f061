package io.cloudledger.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into {@link YamlNode}s that remember their line numbers. Jackson's tree model drops
 * locations, so the tree is built from the streaming parser. Duplicate keys are detected here
 * rather than with Jackson's {@code STRICT_DUPLICATE_DETECTION}, which stops at the first one: this
 * way every duplicate of the file is reported together with the other problems.
 */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YamlTreeReader() {}

  /** The document's root, or empty when there is no usable document (the reason is recorded). */
  static Optional<YamlNode> read(String text, Problems problems) {
    try (YAMLParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        problems.error("", 0, "the file is empty; it needs at least a cloud_sessions list");
        return Optional.empty();
      }
      YamlNode root = readNode(parser, "", problems);
      if (parser.nextToken() != null) {
        problems.error(
            "",
            line(parser),
            "the file holds more than one YAML document (---); cloudledger reads exactly one");
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      problems.error("", syntaxErrorLine(e), "invalid YAML: " + syntaxErrorText(e));
      return Optional.empty();
    } catch (IOException e) {
      // Reading from a String cannot fail with I/O; anything here is a bug.
      throw new UncheckedIOException(e);
    }
  }

  private static YamlNode readNode(YAMLParser parser, String path, Problems problems)
      throws IOException {
    int line = line(parser);
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> readMapping(parser, path, line, problems);
      case START_ARRAY -> readSequence(parser, path, line, problems);
      case VALUE_STRING -> {
        if (parser.isCurrentAlias()) {
          problems.error(
              path, line, "YAML aliases (*name) are not supported; write the value out in full");
        }
        String text = parser.getText();
        // "key:" with nothing after it arrives as an empty string; it is an empty value.
        yield new YamlNode.Scalar(
            line, text.isEmpty() ? YamlNode.Kind.NULL : YamlNode.Kind.STRING, text);
      }
      case VALUE_NUMBER_INT -> new YamlNode.Scalar(line, YamlNode.Kind.INTEGER, parser.getText());
      case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(line, YamlNode.Kind.DECIMAL, parser.getText());
      case VALUE_TRUE, VALUE_FALSE ->
          new YamlNode.Scalar(line, YamlNode.Kind.BOOLEAN, parser.getText());
      case VALUE_NULL -> new YamlNode.Scalar(line, YamlNode.Kind.NULL, "");
      default -> {
        problems.error(path, line, "unsupported YAML value (" + token + ")");
        yield new YamlNode.Scalar(line, YamlNode.Kind.NULL, "");
      }
    };
  }

  private static YamlNode.Mapping readMapping(
      YAMLParser parser, String path, int line, Problems problems) throws IOException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int keyLine = line(parser);
      parser.nextToken();
      String childPath = KeyPath.child(path, key);
      YamlNode value = readNode(parser, childPath, problems);
      YamlNode.Entry first = entries.get(key);
      if (first == null) {
        entries.put(key, new YamlNode.Entry(key, keyLine, value));
      } else {
        problems.error(
            childPath,
            keyLine,
            "duplicate key '" + key + "' (first defined on line " + first.keyLine() + ")");
      }
    }
    return new YamlNode.Mapping(line, entries);
  }

  private static YamlNode.Sequence readSequence(
      YAMLParser parser, String path, int line, Problems problems) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(readNode(parser, KeyPath.item(path, items.size()), problems));
    }
    return new YamlNode.Sequence(line, items);
  }

  private static int line(YAMLParser parser) {
    return Math.max(0, parser.currentTokenLocation().getLineNr());
  }

  // SnakeYAML's full message quotes the offending source line, which may hold a secret: only
  // its problem and context descriptions are used.
  private static String syntaxErrorText(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked) {
      String problem = marked.getProblem() == null ? "syntax error" : marked.getProblem();
      return marked.getContext() == null ? problem : problem + " (" + marked.getContext() + ")";
    }
    return "syntax error";
  }

  private static int syntaxErrorLine(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return marked.getProblemMark().getLine() + 1;
    }
    return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
  }
}
