package io.cloudledger.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything the command line reads from the world outside its arguments. Commands get it injected,
 * so tests run them with their own environment, home directory, stdin and terminal.
 *
 * @param env the environment variables
 * @param home the state directory ({@code CLOUDLEDGER_HOME}, default {@code ~/.cloudledger})
 * @param workingDirectory where relative paths and {@code ./cloudledger.yaml} are looked up
 * @param stdin where {@code --value-stdin} and similar options read from
 * @param terminal the interactive terminal, for hidden prompts (passwords, secret values)
 * @param clock the time source
 */
public record CliEnvironment(
    Map<String, String> env,
    Path home,
    Path workingDirectory,
    InputStream stdin,
    Terminal terminal,
    Clock clock) {

  /** The user's terminal, when there is one. */
  public interface Terminal {
    /** Whether a user can be asked (a console is attached). */
    boolean interactive();

    /** Asks without echoing; null at end of input. Only called when {@link #interactive()}. */
    char[] readHidden(String question);

    /** A terminal that cannot ask anything (pipes, CI, tests). */
    Terminal NONE =
        new Terminal() {
          @Override
          public boolean interactive() {
            return false;
          }

          @Override
          public char[] readHidden(String question) {
            throw new IllegalStateException("no interactive terminal");
          }
        };
  }

  public CliEnvironment {
    env = Map.copyOf(env);
  }

  /** The environment of this process. */
  public static CliEnvironment system() {
    Map<String, String> env = System.getenv();
    Console console = System.console();
    Terminal terminal =
        console == null
            ? Terminal.NONE
            : new Terminal() {
              @Override
              public boolean interactive() {
                return true;
              }

              @Override
              public char[] readHidden(String question) {
                // "%s": the question holds a path, which may contain a '%'.
                return console.readPassword("%s", question);
              }
            };
    return new CliEnvironment(
        env,
        homeFrom(env, Path.of(System.getProperty("user.home"))),
        Path.of("").toAbsolutePath(),
        System.in,
        terminal,
        Clock.systemUTC());
  }

  /** {@code CLOUDLEDGER_HOME} when set, else {@code <userHome>/.cloudledger}. */
  static Path homeFrom(Map<String, String> env, Path userHome) {
    String configured = env.get("CLOUDLEDGER_HOME");
    return configured == null || configured.isBlank()
        ? userHome.resolve(".cloudledger")
        : Path.of(configured);
  }
}
