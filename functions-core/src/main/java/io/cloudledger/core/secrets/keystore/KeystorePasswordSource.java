package io.cloudledger.core.secrets.keystore;

import io.cloudledger.core.secrets.SecretStoreException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a keystore's password comes from: {@value #PASSWORD_VARIABLE} if set (containers, CI),
 * otherwise an interactive prompt (the CLI passes {@code System.console()::readPassword}).
 */
public final class KeystorePasswordSource {
  public static final String PASSWORD_VARIABLE = "CLOUDLEDGER_KEYSTORE_PASSWORD";

  /** Reads a password without echo; returns null at end of input. */
  @FunctionalInterface
  public interface PasswordPrompt {
    char[] readPassword(String prompt);
  }

  private final Map<String, String> environment;
  private final PasswordPrompt prompt; // null: no terminal to ask on

  private KeystorePasswordSource(Map<String, String> environment, PasswordPrompt prompt) {
    this.environment = Map.copyOf(environment);
    this.prompt = prompt;
  }

  /** The variable from {@code environment}, else {@code prompt}. */
  public static KeystorePasswordSource of(Map<String, String> environment, PasswordPrompt prompt) {
    return new KeystorePasswordSource(environment, Objects.requireNonNull(prompt, "prompt"));
  }

  /** Only the variable: for processes without a terminal. */
  public static KeystorePasswordSource environmentOnly(Map<String, String> environment) {
    return new KeystorePasswordSource(environment, null);
  }

  /** A supplier for {@link LocalKeystore.Builder#password(Supplier)}: asks only when called. */
  public Supplier<char[]> forKeystore(Path keystore) {
    return () -> password(keystore);
  }

  /** The password for {@code keystore}, or an error saying how to provide one. */
  public char[] password(Path keystore) {
    String fromEnvironment = environment.get(PASSWORD_VARIABLE);
    if (fromEnvironment != null) {
      if (fromEnvironment.isEmpty()) {
        throw new SecretStoreException(
            PASSWORD_VARIABLE + " is set but empty; set it to the password of " + keystore);
      }
      return fromEnvironment.toCharArray();
    }
    if (prompt == null) {
      throw new SecretStoreException(
          "keystore "
              + keystore
              + " needs a password: set "
              + PASSWORD_VARIABLE
              + " (no terminal to prompt on)");
    }
    char[] typed = prompt.readPassword("Password for keystore " + keystore + ": ");
    if (typed == null || typed.length == 0) {
      throw new SecretStoreException("no password was entered for keystore " + keystore);
    }
    return typed;
  }
}
