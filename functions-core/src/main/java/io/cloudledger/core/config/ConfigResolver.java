package io.cloudledger.core.config;

import io.cloudledger.core.secrets.SecretValue;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@link ConfigValue}s where they are used: literals as written, {@code ENV/NAME} from the
 * environment map given by the caller (never from {@code System.getenv()} here), {@code SEC/name}
 * from a {@link SecretLookup}. A value that cannot be resolved is a {@link ConfigException} naming
 * the file, key path and reference, never null and never a secret's value.
 */
public final class ConfigResolver {
  private final Map<String, String> environment;
  private final SecretLookup secrets;

  public ConfigResolver(Map<String, String> environment, SecretLookup secrets) {
    if (environment == null || secrets == null) {
      throw new IllegalArgumentException("environment and secrets are required");
    }
    this.environment = Map.copyOf(environment);
    this.secrets = secrets;
  }

  /** The value as a secret: use it for anything that may be secret (keys, passwords, tokens). */
  public SecretValue resolveSecret(ConfigValue value) {
    return switch (value) {
      case ConfigValue.Literal literal -> literal.value();
      case ConfigValue.EnvReference env -> SecretValue.of(fromEnvironment(env));
      case ConfigValue.SecretReference sec ->
          secrets
              .find(sec.name())
              .orElseThrow(
                  () ->
                      failure(
                          sec,
                          "refers to "
                              + ConfigValue.SEC_PREFIX
                              + sec.name()
                              + ", but no secret store holds a secret of that name"));
      case ConfigValue.Unset unset -> throw failure(unset, "is required here but not set");
    };
  }

  /** The value as plain text: only for settings that are not secret (ids, regions, names). */
  public String resolveText(ConfigValue value) {
    return resolveSecret(value).reveal();
  }

  /** The secret, or empty when the optional key is not set. */
  public Optional<SecretValue> resolveOptionalSecret(ConfigValue value) {
    return value.ifSet().map(this::resolveSecret);
  }

  /** The text, or empty when the optional key is not set. */
  public Optional<String> resolveOptionalText(ConfigValue value) {
    return value.ifSet().map(this::resolveText);
  }

  /** Each value of a list as text, in order. */
  public List<String> resolveTexts(List<ConfigValue> values) {
    return values.stream().map(this::resolveText).toList();
  }

  /**
   * The value as an http(s) URL. Literal URLs were checked when the file was read; this also checks
   * what a reference resolves to.
   */
  public URI resolveUrl(ConfigValue value) {
    String text = resolveText(value);
    return ValueRules.httpUrl(text)
        .orElseThrow(
            () ->
                failure(
                    value,
                    (value.isReference() ? "resolves to a value that is" : "is")
                        + " not an http(s) URL"));
  }

  private String fromEnvironment(ConfigValue.EnvReference env) {
    String text = environment.get(env.name());
    if (text == null) {
      throw failure(
          env,
          "refers to "
              + ConfigValue.ENV_PREFIX
              + env.name()
              + ", but that environment variable is not set");
    }
    if (text.isEmpty()) {
      throw failure(
          env,
          "refers to "
              + ConfigValue.ENV_PREFIX
              + env.name()
              + ", but that environment variable is empty");
    }
    return text;
  }

  private static ConfigException failure(ConfigValue value, String message) {
    ValueOrigin origin = value.origin();
    return new ConfigException(origin.file(), List.of(origin.problem(message)));
  }
}
