package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {
  @TempDir Path home;

  @Test
  void help_printsUsageAndExitsZero() {
    CliRunner.Result result = new CliRunner(home).run("--help");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout()).contains("Usage: cloudledger").contains("Exit codes");
  }

  @Test
  void noSubcommand_printsUsageOnStderrAndExitsTwo() {
    CliRunner.Result result = new CliRunner(home).run();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("Usage: cloudledger");
  }

  @Test
  void unknownOption_isAUsageError() {
    CliRunner.Result result = new CliRunner(home).run("--bogus");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("Unknown option: '--bogus'");
  }

  @Test
  void version_namesTheJavaRuntime() {
    CliRunner.Result result = new CliRunner(home).run("--version");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout()).startsWith("cloudledger ").contains("Java ");
  }

  @Test
  void home_defaultsUnderUserHome_andFollowsCloudledgerHome() {
    assertThat(CliEnvironment.homeFrom(java.util.Map.of(), Path.of("/u")))
        .isEqualTo(Path.of("/u/.cloudledger"));
    assertThat(CliEnvironment.homeFrom(java.util.Map.of("CLOUDLEDGER_HOME", "/x"), Path.of("/u")))
        .isEqualTo(Path.of("/x"));
  }
}
