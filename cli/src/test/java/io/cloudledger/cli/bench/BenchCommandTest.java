package io.cloudledger.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.cli.Cli;
import io.cloudledger.cli.CliEnvironment;
import io.cloudledger.cli.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Smoke test of {@code cloudledger bench} on a tiny estate without latency: the JSON document has
 * its documented shape, and its ratios come from the two implementations' real measurements.
 */
class BenchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ACCOUNTS = 2;
  private static final int RESOURCES = 30;
  private static final int FAN_OUT = 300;

  @TempDir static Path project;
  private static Run run;
  private static JsonNode report;

  record Run(int exitCode, String stdout, String stderr) {}

  @BeforeAll
  static void runTinyBench() throws Exception {
    run =
        cli(
            "bench",
            "--accounts",
            "" + ACCOUNTS,
            "--resources",
            "" + RESOURCES,
            "--latency-ms",
            "0",
            "--fan-out-accounts",
            "" + FAN_OUT,
            "--store-ceiling-items",
            "200",
            "--project-dir",
            project.toString(),
            "--save",
            "--output",
            "json");
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.OK);
    report = JSON.readTree(run.stdout());
  }

  static Run cli(String... args) {
    CliEnvironment environment =
        new CliEnvironment(
            Map.of(),
            project.resolve("home"),
            project,
            new ByteArrayInputStream(new byte[0]),
            CliEnvironment.Terminal.NONE,
            Clock.systemUTC());
    CommandLine commandLine = Cli.create(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static JsonNode sync(String scenario, String implementation) {
    for (JsonNode sync : report.get("syncs")) {
      if (sync.get("scenario").asText().equals(scenario)
          && sync.get("implementation").asText().equals(implementation)) {
        return sync;
      }
    }
    throw new AssertionError("no " + implementation + " measurement of " + scenario);
  }

  @Test
  void json_hasTheDocumentedTopLevelShape() {
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(BenchReport.SCHEMA_VERSION);
    assertThat(iterable(report.fieldNames()))
        .containsExactly(
            "schemaVersion",
            "startedAt",
            "command",
            "totalSeconds",
            "machine",
            "settings",
            "estates",
            "syncs",
            "comparisons",
            "storeCeiling",
            "fanOut",
            "largeAccount",
            "handlers",
            "jars",
            "targets",
            "sharedBudget");
    assertThat(report.get("sharedBudget").get("ran").asBoolean()).isFalse();
    assertThat(report.get("machine").get("cpus").asInt()).isPositive();
    assertThat(report.get("machine").get("jdk").asText()).isNotBlank();
    assertThat(report.get("settings").get("latencyMillis").asInt()).isZero();
    JsonNode estate = report.get("estates").get(0);
    assertThat(estate.get("provider").asText()).isEqualTo("aws");
    assertThat(estate.get("resources").asLong()).isEqualTo(ACCOUNTS * RESOURCES);
    assertThat(estate.get("pages").asLong()).isPositive();
  }

  @Test
  void syncs_measureEveryScenario_andBothImplementationsWhereCompared() {
    assertThat(report.get("syncs"))
        .extracting(s -> s.get("scenario").asText() + "/" + s.get("implementation").asText())
        .containsExactly(
            "first-sync/cloudledger",
            "first-sync/baseline",
            "unchanged-resync/cloudledger",
            "unchanged-resync/baseline",
            "change-resync/cloudledger",
            "change-resync/baseline",
            "throttled-resync/cloudledger");
    for (JsonNode sync : report.get("syncs")) {
      assertThat(sync.get("resources").asLong()).isPositive();
      assertThat(sync.get("seconds").asDouble()).isPositive();
      assertThat(sync.get("failedAccounts").asInt()).isZero();
    }
  }

  @Test
  void baseline_makesMoreCallsThanPages_cloudledgerAboutOnePerPage() {
    JsonNode optimized = sync("first-sync", "cloudledger");
    JsonNode baseline = sync("first-sync", "baseline");
    long pages = optimized.get("pages").asLong();

    // One call per instance and per bucket on top of the pages.
    assertThat(baseline.get("apiCalls").asLong()).isGreaterThan(optimized.get("apiCalls").asLong());
    // Per account: the pages plus AssumeRole and DescribeRegions.
    assertThat(optimized.get("apiCalls").asLong()).isBetween(pages, pages + 2L * ACCOUNTS);
  }

  @Test
  void comparisons_areRatiosOfTheMeasurementsInTheSameRun() {
    JsonNode comparison = report.get("comparisons").get(0);
    JsonNode optimized = sync("first-sync", "cloudledger");
    JsonNode baseline = sync("first-sync", "baseline");

    assertThat(comparison.get("scenario").asText()).isEqualTo("first-sync");
    assertThat(comparison.get("optimizedApiCalls").asLong())
        .isEqualTo(optimized.get("apiCalls").asLong());
    assertThat(comparison.get("baselineApiCalls").asLong())
        .isEqualTo(baseline.get("apiCalls").asLong());
    assertThat(comparison.get("apiCallRatio").asDouble())
        .isCloseTo(
            baseline.get("apiCalls").asDouble() / optimized.get("apiCalls").asDouble(),
            org.assertj.core.data.Offset.offset(0.01));
    assertThat(comparison.get("apiCallRatio").asDouble()).isGreaterThan(1);
    assertThat(report.get("comparisons")).hasSize(3);
  }

  @Test
  void writes_unchangedResyncWritesNoResource_baselinePutsEveryOne() {
    JsonNode unchanged = sync("unchanged-resync", "cloudledger");
    JsonNode baseline = sync("unchanged-resync", "baseline");
    JsonNode changed = sync("change-resync", "cloudledger");

    assertThat(unchanged.get("resourceWrites").asLong()).isZero();
    assertThat(baseline.get("itemsWritten").asLong()).isEqualTo(ACCOUNTS * RESOURCES);
    assertThat(baseline.get("writeUnits").asDouble()).isPositive();
    assertThat(changed.get("resourceWrites").asLong()).isPositive();
    assertThat(changed.get("resourceWrites").asLong())
        .isLessThan(sync("first-sync", "cloudledger").get("resourceWrites").asLong());
  }

  @Test
  void throttledResync_injectsFaults_andStillCompletes() {
    JsonNode throttled = sync("throttled-resync", "cloudledger");

    assertThat(throttled.get("injectedFaults").asLong()).isPositive();
    assertThat(throttled.get("resources").asLong()).isEqualTo(ACCOUNTS * RESOURCES);
  }

  @Test
  void fanOut_storeCeiling_handlersAndJars_areReported() {
    assertThat(report.get("fanOut").get("messages").asLong()).isEqualTo(FAN_OUT);
    assertThat(report.get("fanOut").get("messagesPerSecond").asDouble()).isPositive();
    assertThat(report.get("storeCeiling").get("itemsPerSecond").asDouble()).isPositive();
    assertThat(report.get("largeAccount").get("ran").asBoolean()).isFalse();
    assertThat(report.get("handlers"))
        .allSatisfy(
            h -> {
              assertThat(h.get("available").asBoolean()).isFalse();
              assertThat(h.get("note").asText()).startsWith("not measured");
            });
    // The temporary project has no module builds: the deployables are reported as not built.
    assertThat(report.get("jars"))
        .extracting(j -> j.get("module").asText() + ":" + j.get("built").asBoolean())
        .containsExactly("aws-lambda:false", "azure-functions:false", "gcp-functions:false");
    assertThat(report.get("targets"))
        .extracting(t -> t.get("status").asText())
        .allMatch(s -> List.of("met", "not met", "not measured").contains(s));
  }

  @Test
  void save_writesTheReport_andFromPrintsItAsMarkdown() throws Exception {
    Path saved;
    try (Stream<Path> files = Files.list(project.resolve("bench/results"))) {
      saved = files.findFirst().orElseThrow();
    }
    assertThat(JSON.readTree(saved.toFile())).isEqualTo(report);

    Run markdown = cli("bench", "--from", saved.toString(), "--output", "markdown");

    assertThat(markdown.exitCode()).as(markdown.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(markdown.stdout())
        .contains("| scenario | provider | implementation |")
        .contains("| first-sync | aws | baseline |")
        .contains("Produced by `cloudledger bench --accounts 2");
  }

  @Test
  void from_whenTheFileIsMissing_isAUsageError() {
    Run missing = cli("bench", "--from", "no-such-report.json");

    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.stderr()).contains("no saved report at");
  }

  @Test
  void settings_whenTheThrottleRateIsNotAShare_isAUsageError() {
    Run invalid = cli("bench", "--throttle", "1.5");

    assertThat(invalid.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(invalid.stderr()).contains("throttle rate must be within [0, 1)");
  }

  private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
    List<T> list = new java.util.ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }
}
