package io.cloudledger.core.config;

import io.cloudledger.core.secrets.SecretValue;
import java.util.Optional;

/**
 * A string setting as written in the file: a literal, an {@code ENV/NAME} or {@code SEC/name}
 * reference, or {@link Unset} for an optional key that is absent. Nothing is resolved when the file
 * is read; {@link ConfigResolver} resolves a value where it is used. Literals are held as {@link
 * SecretValue}, so no value of the file can leak through a {@code toString()}.
 */
public sealed interface ConfigValue
    permits ConfigValue.Literal,
        ConfigValue.EnvReference,
        ConfigValue.SecretReference,
        ConfigValue.Unset {

  /** Prefix of an environment variable reference. */
  String ENV_PREFIX = "ENV/";

  /** Prefix of a secret reference. */
  String SEC_PREFIX = "SEC/";

  ValueOrigin origin();

  /** False only for {@link Unset}. */
  default boolean isSet() {
    return !(this instanceof Unset);
  }

  /** This value when the key was given, empty for {@link Unset}. */
  default Optional<ConfigValue> ifSet() {
    return isSet() ? Optional.of(this) : Optional.empty();
  }

  /** True when the value comes from an {@code ENV/} or {@code SEC/} reference. */
  default boolean isReference() {
    return this instanceof EnvReference || this instanceof SecretReference;
  }

  /** A value written directly in the file. */
  record Literal(ValueOrigin origin, SecretValue value) implements ConfigValue {
    /** Wraps a literal text read from the file. */
    public static Literal of(ValueOrigin origin, String text) {
      return new Literal(origin, SecretValue.of(text));
    }

    @Override
    public String toString() {
      return origin.keyPath() + "=<literal>";
    }
  }

  /** {@code ENV/NAME}: the value of an environment variable. */
  record EnvReference(ValueOrigin origin, String name) implements ConfigValue {
    @Override
    public String toString() {
      return origin.keyPath() + "=" + ENV_PREFIX + name;
    }
  }

  /** {@code SEC/name}: a secret from the secret stores. */
  record SecretReference(ValueOrigin origin, String name) implements ConfigValue {
    @Override
    public String toString() {
      return origin.keyPath() + "=" + SEC_PREFIX + name;
    }
  }

  /** An optional key that the file does not set. */
  record Unset(ValueOrigin origin) implements ConfigValue {
    @Override
    public String toString() {
      return origin.keyPath() + " (not set)";
    }
  }
}
