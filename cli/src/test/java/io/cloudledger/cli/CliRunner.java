package io.cloudledger.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process, as {@code Main} would, with captured stdout and stderr. */
final class CliRunner {
  private final Path home;
  private Path workingDirectory;
  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private String promptAnswer;
  final java.util.List<String> questions = new java.util.ArrayList<>();
  private final StringWriter err = new StringWriter();

  CliRunner(Path home) {
    this.home = home;
    this.workingDirectory = home;
  }

  CliRunner in(Path directory) {
    this.workingDirectory = directory;
    return this;
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
    CliEnvironment.Terminal terminal =
        promptAnswer == null
            ? CliEnvironment.Terminal.NONE
            : new CliEnvironment.Terminal() {
              @Override
              public boolean interactive() {
                return true;
              }

              @Override
              public char[] readHidden(String question) {
                questions.add(question);
                return promptAnswer.toCharArray();
              }
            };
    CliEnvironment environment =
        new CliEnvironment(
            env,
            home,
            workingDirectory,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            terminal,
            Clock.systemUTC());
    CommandLine commandLine = Cli.create(environment);
    StringWriter out = new StringWriter();
    StringWriter err = this.err;
    err.getBuffer().setLength(0);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** What stderr holds so far, while a long-running command (sandbox, serve) still runs. */
  String liveStderr() {
    return err.toString(); // StringWriter's buffer is synchronized
  }

  /** The outcome of one run. */
  record Result(int exitCode, String stdout, String stderr) {
    /** Everything the user saw. */
    String all() {
      return stdout + stderr;
    }
  }
}
