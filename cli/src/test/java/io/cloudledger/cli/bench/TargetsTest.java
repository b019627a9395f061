package io.cloudledger.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets are judged from the run's measurements, and say so when something was not run. */
class TargetsTest {
  private static final BenchSettings AT_50_MS =
      new BenchSettings(3, 150, 50, 0.2, 0.05, 10_000, 4, 42, 0, 3000, true);

  private static SyncMeasurement optimized(
      String scenario, long resources, double seconds, long calls, long pages, long written) {
    return SyncMeasurement.of(
        scenario,
        "aws",
        SyncImplementation.OPTIMIZED,
        new EstateInfo("aws", 3, resources, pages),
        seconds,
        new ApiCalls(calls, 0),
        new SyncOutcome(resources, 0, written, written, 1, 0));
  }

  private static TargetCheck check(List<TargetCheck> checks, String prefix) {
    return checks.stream().filter(c -> c.target().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void evaluate_judgesSpeedCallsAndWritesFromTheMeasurements() {
    List<TargetCheck> checks =
        Targets.evaluate(
            AT_50_MS,
            List.of(
                optimized("first-sync", 1000, 2.0, 105, 100, 1000),
                optimized("unchanged-resync", 1000, 1.0, 102, 100, 40)),
            new FanOutMeasurement(10_000, 10_000, 1000, 10, 4, 0.5, 20_000, "q"),
            List.of(
                new JarSize("aws-lambda", "aws-lambda/target/aws-lambda-rotation.jar", true, 15.0),
                new JarSize("aws-lambda", "aws-lambda/target/aws-lambda-worker.jar", true, 25.0)),
            HandlerInits.measure());

    assertThat(check(checks, "resources/s").status()).isEqualTo(TargetCheck.MET);
    assertThat(check(checks, "resources/s").measured()).isEqualTo("500/s");
    assertThat(check(checks, "API calls per page").status()).isEqualTo(TargetCheck.MET);
    assertThat(check(checks, "items written").status()).isEqualTo(TargetCheck.NOT_MET);
    assertThat(check(checks, "items written").measured()).startsWith("4.00 %");
    assertThat(check(checks, "10 000 accounts").status()).isEqualTo(TargetCheck.MET);
    // The worker's jar is judged, not the smaller rotation jar listed before it.
    assertThat(check(checks, "AWS worker jar").status()).isEqualTo(TargetCheck.NOT_MET);
    assertThat(check(checks, "AWS worker jar").measured()).isEqualTo("25.0 MB");
    assertThat(check(checks, "handler init").status()).isEqualTo(TargetCheck.NOT_MEASURED);
  }

  @Test
  void evaluate_whenRunAtAnotherLatencyOrSmallerFanOut_reportsNotMeasured() {
    BenchSettings noLatency = new BenchSettings(3, 150, 0, 0.2, 0.05, 300, 4, 42, 0, 3000, true);

    List<TargetCheck> checks =
        Targets.evaluate(
            noLatency,
            List.of(optimized("first-sync", 1000, 0.5, 100, 100, 1000)),
            new FanOutMeasurement(300, 300, 30, 10, 4, 0.01, 30_000, "q"),
            List.of(new JarSize("aws-lambda", "aws-lambda/target/*.jar", false, 0)),
            List.of());

    assertThat(check(checks, "resources/s").status()).isEqualTo(TargetCheck.NOT_MEASURED);
    assertThat(check(checks, "resources/s").measured()).isEqualTo("2000/s at 0 ms");
    assertThat(check(checks, "10 000 accounts").status()).isEqualTo(TargetCheck.NOT_MEASURED);
    assertThat(check(checks, "AWS worker jar").measured())
        .isEqualTo("aws-lambda worker jar not built");
  }

  @Test
  void comparisons_pairEachScenarioWithItsBaseline_only() {
    BenchResults results = new BenchResults();
    EstateInfo estate = new EstateInfo("aws", 1, 100, 10);
    results.addSync(
        SyncMeasurement.of(
            "first-sync",
            "aws",
            SyncImplementation.OPTIMIZED,
            estate,
            1.0,
            new ApiCalls(12, 0),
            new SyncOutcome(100, 100, 110, 220, 5, 0)));
    results.addSync(
        SyncMeasurement.of(
            "first-sync",
            "aws",
            SyncImplementation.BASELINE,
            estate,
            4.0,
            new ApiCalls(90, 0),
            new SyncOutcome(100, 100, 100, 100, 100, 0)));
    results.addSync(
        SyncMeasurement.of(
            "throttled-resync",
            "aws",
            SyncImplementation.OPTIMIZED,
            estate,
            1.0,
            new ApiCalls(15, 3),
            new SyncOutcome(100, 0, 10, 10, 1, 0)));

    List<Comparison> comparisons = results.comparisons();

    assertThat(comparisons).hasSize(1);
    Comparison first = comparisons.get(0);
    assertThat(first.speedup()).isEqualTo(4.0);
    assertThat(first.apiCallRatio()).isEqualTo(7.5);
    assertThat(first.writeUnitRatio()).isEqualTo(0.45);
  }
}
