package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {
  @TempDir Path home;

  @Test
  void sandbox_servesUntilInterrupted_andPrintsItsConfig() throws Exception {
    CliRunner runner = new CliRunner(home);
    CompletableFuture<CliRunner.Result> run = new CompletableFuture<>();
    Thread command =
        Thread.ofVirtual()
            .start(
                () -> run.complete(runner.run("sandbox", "--accounts", "2", "--resources", "20")));

    String endpoint = awaitEndpoint(runner);
    HttpResponse<String> estate =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(endpoint + "admin/estate")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(estate.statusCode()).isEqualTo(200);

    command.interrupt();
    CliRunner.Result result = run.get(10, TimeUnit.SECONDS);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout()).contains("cloud_sessions:").contains("role_arn:");
    assertThat(result.stderr()).contains("Press Ctrl-C to stop.");
  }

  @Test
  void sandbox_badFaultSpec_isAUsageErrorNamingTheProblem() {
    CliRunner.Result result =
        new CliRunner(home).run("sandbox", "--faults", "DescribeInstances:explode=1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("explode");
  }

  @Test
  void sandboxHelp_showsTheFaultGrammar() {
    CliRunner.Result result = new CliRunner(home).run("sandbox", "--help");

    assertThat(result.stdout()).contains("Fault spec grammar").contains("throttle=");
  }

  private static String awaitEndpoint(CliRunner runner) throws InterruptedException {
    Pattern base = Pattern.compile("cloudledger sandbox on (http://\\S+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher matcher = base.matcher(runner.liveStderr());
      if (matcher.find()) {
        String url = matcher.group(1);
        return url.endsWith("/") ? url : url + "/";
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the sandbox did not print its endpoint: " + runner.liveStderr());
  }
}
