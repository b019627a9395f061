package io.cloudledger.cli.bench;

import java.util.List;

/**
 * Everything one {@code cloudledger bench} run measured: the document of {@code --output json} and
 * of the files under {@code bench/results/} (schema in the README's Performance section).
 */
public record BenchReport(
    int schemaVersion,
    String startedAt,
    String command,
    double totalSeconds,
    MachineInfo machine,
    BenchSettings settings,
    List<EstateInfo> estates,
    List<SyncMeasurement> syncs,
    List<Comparison> comparisons,
    StoreCeiling storeCeiling,
    FanOutMeasurement fanOut,
    LargeAccountMeasurement largeAccount,
    List<HandlerInit> handlers,
    List<JarSize> jars,
    List<TargetCheck> targets,
    SharedBudgetMeasurement sharedBudget) {

  public static final int SCHEMA_VERSION = 1;

  public BenchReport {
    estates = List.copyOf(estates);
    syncs = List.copyOf(syncs);
    comparisons = List.copyOf(comparisons);
    handlers = List.copyOf(handlers);
    jars = List.copyOf(jars);
    targets = List.copyOf(targets);
  }
}
