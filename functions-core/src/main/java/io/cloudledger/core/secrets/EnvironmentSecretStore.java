package io.cloudledger.core.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only store over environment variables, for containers and CI where secrets arrive as
 * variables.
 *
 * <p>Mapping: secret {@code aws_prod_external_id} is variable {@code
 * CLOUDLEDGER_SECRET_AWS_PROD_EXTERNAL_ID}: the prefix, then the name upper-cased with {@code .},
 * {@code -} and {@code /} turned into {@code _}. {@link #list()} maps back by dropping the prefix
 * and lower-casing, so {@code aws-prod.key} is readable but lists as {@code aws_prod_key}.
 *
 * <p>Default priority {@value #DEFAULT_PRIORITY}, ahead of the local keystores (50, 75) and the
 * cloud stores (100+): a variable is set deliberately for one process or container, so it overrides
 * what is stored for everyone, the same way an environment variable overrides a config file.
 *
 * <p>The variables are an injected map (the CLI passes {@code System.getenv()}); this class never
 * reads the process environment itself, so it is testable and settings are parsed in one place.
 */
public final class EnvironmentSecretStore implements SecretStore {
  public static final String DEFAULT_NAME = "env";
  public static final int DEFAULT_PRIORITY = 25;
  public static final String PREFIX = "CLOUDLEDGER_SECRET_";

  private final Map<String, String> environment;
  private final String name;
  private final int priority;

  public EnvironmentSecretStore(Map<String, String> environment) {
    this(environment, DEFAULT_NAME, DEFAULT_PRIORITY);
  }

  public EnvironmentSecretStore(Map<String, String> environment, String name, int priority) {
    this.environment = Map.copyOf(environment);
    this.name = name;
    this.priority = priority;
  }

  /** The environment variable that holds secret {@code secretName}. */
  public static String variableName(String secretName) {
    SecretNames.requireValid(secretName);
    return PREFIX + secretName.toUpperCase(Locale.ROOT).replaceAll("[./-]", "_");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public Optional<SecretValue> get(String secretName) {
    return Optional.ofNullable(environment.get(variableName(secretName))).map(SecretValue::of);
  }

  @Override
  public void set(String secretName, SecretValue value) {
    throw new ReadOnlySecretStoreException(name, "set", secretName);
  }

  @Override
  public boolean delete(String secretName) {
    throw new ReadOnlySecretStoreException(name, "delete", secretName);
  }

  @Override
  public List<String> list() {
    return environment.keySet().stream()
        .filter(variable -> variable.startsWith(PREFIX) && variable.length() > PREFIX.length())
        .map(variable -> variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT))
        .sorted()
        .toList();
  }

  @Override
  public SecretValue createRandom(String secretName, int length, String alphabet) {
    throw new ReadOnlySecretStoreException(name, "create", secretName);
  }

  @Override
  public StoreHealth health() {
    return StoreHealth.up(name, list().size() + " secret(s) in " + PREFIX + "* variables");
  }
}
