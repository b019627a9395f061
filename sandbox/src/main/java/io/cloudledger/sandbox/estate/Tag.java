package io.cloudledger.sandbox.estate;

import java.util.Objects;

/** A resource tag as the cloud APIs return it. */
public record Tag(String key, String value) {
  public Tag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
