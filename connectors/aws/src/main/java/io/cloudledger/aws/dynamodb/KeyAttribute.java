package io.cloudledger.aws.dynamodb;

import java.util.Objects;

/** A key attribute of a table or index: its name and scalar type. */
public record KeyAttribute(String name, AttributeKind kind) {

  public KeyAttribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a key attribute needs a name");
    }
  }

  public static KeyAttribute string(String name) {
    return new KeyAttribute(name, AttributeKind.STRING);
  }
}
