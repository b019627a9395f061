package io.cloudledger.cli.bench;

import io.cloudledger.cli.local.EmbeddedDynamoDb;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a whole benchmark: starts DynamoDB Local in memory and each provider's sandbox, runs the
 * scenarios in order, and assembles the {@link BenchReport}.
 */
public final class BenchRunner {
  static final String TABLE_PREFIX = "bench-";

  private BenchRunner() {}

  public static BenchReport run(
      BenchSettings settings, Path projectDirectory, String command, PrintWriter progress) {
    double loadAtStart = MachineInfo.loadAverage();
    Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long started = System.nanoTime();
    BenchResults results = new BenchResults();
    List<EstateInfo> estates = new ArrayList<>();
    try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory()) {
      List<ProviderBench> providers = new ArrayList<>();
      try {
        providers.add(
            AwsProviderBench.start(
                settings,
                settings.accounts(),
                settings.resourcesPerAccount(),
                dynamoDb.client(),
                TABLE_PREFIX));
        providers.forEach(p -> estates.add(p.estate()));
        BenchContext context =
            new BenchContext(
                settings, providers, dynamoDb.client(), projectDirectory, results, progress);
        for (BenchScenario scenario : scenarios(settings)) {
          context.log(scenario.id() + ": " + scenario.description());
          scenario.run(context);
        }
      } finally {
        providers.forEach(ProviderBench::close);
      }
    }
    List<HandlerInit> handlers = HandlerInits.measure();
    List<JarSize> jars = JarSizes.measure(projectDirectory);
    List<SyncMeasurement> syncs = results.syncs();
    LargeAccountMeasurement large =
        results.largeAccount() != null
            ? results.largeAccount()
            : LargeAccountMeasurement.notRun("not run: add --large");
    return new BenchReport(
        BenchReport.SCHEMA_VERSION,
        startedAt.toString(),
        command,
        Figures.round((System.nanoTime() - started) / 1e9, 1),
        MachineInfo.now(loadAtStart),
        settings,
        estates,
        syncs,
        results.comparisons(),
        results.storeCeiling(),
        results.fanOut(),
        large,
        handlers,
        jars,
        Targets.evaluate(settings, syncs, results.fanOut(), jars, handlers),
        results.sharedBudget() != null
            ? results.sharedBudget()
            : SharedBudgetMeasurement.notRun("not run: add --shared-budget"));
  }

  /** The scenarios of a run, in order: later syncs depend on the estate the earlier ones left. */
  static List<BenchScenario> scenarios(BenchSettings settings) {
    List<BenchScenario> scenarios = new ArrayList<>();
    scenarios.add(new WarmUp());
    scenarios.addAll(SyncScenario.standard());
    scenarios.add(new StoreCeilingScenario(settings.storeCeilingItems()));
    if (settings.fanOutAccounts() > 0) {
      scenarios.add(new FanOutScenario(settings.fanOutAccounts()));
    }
    if (settings.largeResources() > 0) {
      scenarios.add(new LargeAccountScenario(settings.largeResources()));
    }
    if (settings.sharedBudget()) {
      scenarios.add(new SharedBudgetScenario());
    }
    return scenarios;
  }
}
