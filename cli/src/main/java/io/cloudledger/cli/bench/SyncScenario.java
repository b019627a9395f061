package io.cloudledger.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A sync of every provider's whole estate by cloudledger and (when {@code withBaseline}) by the
 * baseline, one after the other over the same estate, each measured on its own: wall clock, the
 * sandbox's call counters, and what the store wrote. {@code before} prepares the estate (e.g.
 * advances it); {@code after} undoes temporary faults.
 */
public record SyncScenario(
    String id,
    String description,
    boolean withBaseline,
    BiConsumer<ProviderBench, BenchSettings> before,
    BiConsumer<ProviderBench, BenchSettings> after)
    implements BenchScenario {

  static final BiConsumer<ProviderBench, BenchSettings> NOTHING = (p, s) -> {};

  /** The sync scenarios of every run, in the order they depend on each other. */
  static List<SyncScenario> standard() {
    return List.of(
        new SyncScenario("first-sync", "full first sync into empty tables", true, NOTHING, NOTHING),
        new SyncScenario(
            "unchanged-resync", "re-sync with nothing changed", true, NOTHING, NOTHING),
        new SyncScenario(
            "change-resync",
            "re-sync after advance(change fraction)",
            true,
            (provider, settings) -> provider.advance(settings.changeFraction()),
            NOTHING),
        new SyncScenario(
            "throttled-resync",
            "re-sync with injected throttling on every API",
            false,
            (provider, settings) -> provider.throttle(settings.throttleRate()),
            (provider, settings) -> provider.clearFaults()));
  }

  @Override
  public void run(BenchContext context) {
    for (ProviderBench provider : context.providers()) {
      before.accept(provider, context.settings());
      try {
        measure(context, provider, provider.optimized());
        if (withBaseline && context.settings().baseline()) {
          measure(context, provider, provider.baseline());
        }
      } finally {
        after.accept(provider, context.settings());
      }
    }
  }

  private void measure(BenchContext context, ProviderBench provider, SyncImplementation sync) {
    EstateInfo estate = provider.estate();
    ApiCalls before = provider.apiCalls();
    long started = System.nanoTime();
    SyncOutcome outcome = sync.syncAll("bench-" + id + "-" + sync.name());
    double seconds = (System.nanoTime() - started) / 1e9;
    ApiCalls calls = provider.apiCalls().minus(before);
    SyncMeasurement measurement =
        SyncMeasurement.of(id, provider.provider(), sync.name(), estate, seconds, calls, outcome);
    context.results().addSync(measurement);
    context.log(
        String.format(
            Locale.ROOT,
            "%s %s %s: %d resources in %.2f s (%.0f/s), %d API calls, %d items written, %.0f WCU",
            id,
            provider.provider(),
            sync.name(),
            measurement.resources(),
            measurement.seconds(),
            measurement.resourcesPerSecond(),
            measurement.apiCalls(),
            measurement.itemsWritten(),
            measurement.writeUnits()));
  }
}
