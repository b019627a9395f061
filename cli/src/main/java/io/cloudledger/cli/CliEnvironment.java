package io.cloudledger.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the command line reads from the world outside its arguments. Commands get it injected,
 * so tests run them with their own environment, home directory, stdin and prompt.
 *
 * @param env the environment variables
 * @param home the state directory ({@code CLOUDLEDGER_HOME}, default {@code ~/.cloudledger})
 * @param stdin where {@code --value-stdin} and similar options read from
 * @param prompt asks the user for a hidden value (a password); empty when there is no terminal
 * @param clock the time source
 */
public record CliEnvironment(
    Map<String, String> env, Path home, InputStream stdin, PasswordPrompt prompt, Clock clock) {

  /** Asks the user for a value without echoing it. */
  @FunctionalInterface
  public interface PasswordPrompt {
    /** The value typed, or empty when no interactive terminal is attached. */
    Optional<char[]> ask(String question);
  }

  public CliEnvironment {
    env = Map.copyOf(env);
  }

  /** The environment of this process. */
  public static CliEnvironment system() {
    Map<String, String> env = System.getenv();
    return new CliEnvironment(
        env,
        homeFrom(env, Path.of(System.getProperty("user.home"))),
        System.in,
        CliEnvironment::askConsole,
        Clock.systemUTC());
  }

  /** {@code CLOUDLEDGER_HOME} when set, else {@code <userHome>/.cloudledger}. */
  static Path homeFrom(Map<String, String> env, Path userHome) {
    String configured = env.get("CLOUDLEDGER_HOME");
    return configured == null || configured.isBlank()
        ? userHome.resolve(".cloudledger")
        : Path.of(configured);
  }

  private static Optional<char[]> askConsole(String question) {
    Console console = System.console();
    return console == null
        ? Optional.empty()
        : Optional.ofNullable(console.readPassword("%s", question));
  }
}
