package io.cloudledger.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets, checked against this run's measurements (never against assumptions). */
final class Targets {
  static final int TARGET_LATENCY_MILLIS = 50;
  static final int TARGET_FAN_OUT_ACCOUNTS = 10_000;
  // The worker jar's classifier (aws-lambda shades one jar per function role).
  static final String WORKER_JAR_SUFFIX = "-worker.jar";

  private Targets() {}

  static List<TargetCheck> evaluate(
      BenchSettings settings,
      List<SyncMeasurement> syncs,
      FanOutMeasurement fanOut,
      List<JarSize> jars,
      List<HandlerInit> handlers) {
    List<TargetCheck> checks = new ArrayList<>();
    Optional<SyncMeasurement> first = find(syncs, "first-sync");
    String speed = "resources/s per worker, first sync at 50 ms latency";
    if (first.isEmpty()) {
      checks.add(TargetCheck.notMeasured(speed, ">= 350", "no first sync measured"));
    } else if (settings.latencyMillis() != TARGET_LATENCY_MILLIS) {
      checks.add(
          TargetCheck.notMeasured(
              speed,
              ">= 350",
              format(
                  "%.0f/s at %d ms", first.get().resourcesPerSecond(), settings.latencyMillis())));
    } else {
      checks.add(
          TargetCheck.of(
              speed,
              ">= 350",
              format("%.0f/s", first.get().resourcesPerSecond()),
              first.get().resourcesPerSecond() >= 350));
    }
    first.ifPresent(
        f ->
            checks.add(
                TargetCheck.of(
                    "API calls per page, first sync",
                    "<= 1.1",
                    format("%.3f (%d calls, %d pages)", f.callsPerPage(), f.apiCalls(), f.pages()),
                    f.callsPerPage() <= 1.1)));
    find(syncs, "unchanged-resync")
        .ifPresent(
            u ->
                checks.add(
                    TargetCheck.of(
                        "items written by an unchanged re-sync",
                        "<= 1 % of items",
                        format(
                            "%.2f %% (%d items: %d resources, %d scope records)",
                            u.itemsWrittenPercent(),
                            u.itemsWritten(),
                            u.resourceWrites(),
                            u.itemsWritten() - u.resourceWrites()),
                        u.itemsWrittenPercent() <= 1.0)));
    String dispatch = "10 000 accounts dispatched";
    if (fanOut == null || fanOut.accounts() != TARGET_FAN_OUT_ACCOUNTS) {
      checks.add(TargetCheck.notMeasured(dispatch, "<= 60 s", "fan-out of 10 000 not run"));
    } else {
      checks.add(
          TargetCheck.of(
              dispatch,
              "<= 60 s",
              format("%.2f s (%s)", fanOut.seconds(), "in-process queue"),
              fanOut.seconds() <= 60));
    }
    Optional<JarSize> worker =
        // aws-lambda builds one jar per function role; the target is about the worker's.
        jars.stream()
            .filter(j -> j.module().equals("aws-lambda") && j.built())
            .filter(j -> j.file().endsWith(WORKER_JAR_SUFFIX))
            .findFirst();
    checks.add(
        worker
            .map(
                j ->
                    TargetCheck.of(
                        "AWS worker jar",
                        "<= 20 MB",
                        format("%.1f MB", j.megabytes()),
                        j.megabytes() <= 20))
            .orElseGet(
                () ->
                    TargetCheck.notMeasured(
                        "AWS worker jar", "<= 20 MB", "aws-lambda worker jar not built")));
    boolean anyHandler = handlers.stream().anyMatch(HandlerInit::available);
    if (anyHandler) {
      double worst =
          handlers.stream()
              .filter(HandlerInit::available)
              .mapToDouble(HandlerInit::initMillis)
              .max()
              .orElse(0);
      checks.add(
          TargetCheck.of(
              "handler init, in-process", "<= 1 s", format("%.0f ms", worst), worst <= 1000));
    } else {
      checks.add(
          TargetCheck.notMeasured(
              "handler init, in-process", "<= 1 s", "not available yet: no handlers on main"));
    }
    return checks;
  }

  private static Optional<SyncMeasurement> find(List<SyncMeasurement> syncs, String scenario) {
    return syncs.stream()
        .filter(s -> s.scenario().equals(scenario))
        .filter(s -> s.implementation().equals(SyncImplementation.OPTIMIZED))
        .findFirst();
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
