package io.cloudledger.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the CLI in-process, as {@code Main} would, with captured stdout and stderr. */
final class CliRunner {
  private final Path home;
  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private String promptAnswer;

  CliRunner(Path home) {
    this.home = home;
  }

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRunner stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** What the interactive prompt answers; without it, there is no terminal. */
  CliRunner promptAnswers(String answer) {
    this.promptAnswer = answer;
    return this;
  }

  Result run(String... args) {
    CliEnvironment environment =
        new CliEnvironment(
            env,
            home,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            question -> Optional.ofNullable(promptAnswer).map(String::toCharArray),
            Clock.systemUTC());
    CommandLine commandLine = Cli.create(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** The outcome of one run. */
  record Result(int exitCode, String stdout, String stderr) {
    /** Everything the user saw. */
    String all() {
      return stdout + stderr;
    }
  }
}
