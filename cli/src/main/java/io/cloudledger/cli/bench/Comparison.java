package io.cloudledger.cli.bench;

/**
 * cloudledger against the baseline in one scenario on one provider, from the two measurements of
 * the same run: {@code speedup} = resources/s over the baseline's; {@code apiCallRatio} and {@code
 * writeUnitRatio} = the baseline's calls and write units over cloudledger's (how many times fewer
 * cloudledger spends; 0 when cloudledger spent none).
 */
public record Comparison(
    String scenario,
    String provider,
    double speedup,
    double apiCallRatio,
    double writeUnitRatio,
    long optimizedApiCalls,
    long baselineApiCalls,
    double optimizedWriteUnits,
    double baselineWriteUnits) {

  static Comparison of(SyncMeasurement optimized, SyncMeasurement baseline) {
    return new Comparison(
        optimized.scenario(),
        optimized.provider(),
        Figures.round(
            Figures.ratio(optimized.resourcesPerSecond(), baseline.resourcesPerSecond()), 2),
        Figures.round(Figures.ratio(baseline.apiCalls(), optimized.apiCalls()), 2),
        Figures.round(Figures.ratio(baseline.writeUnits(), optimized.writeUnits()), 2),
        optimized.apiCalls(),
        baseline.apiCalls(),
        optimized.writeUnits(),
        baseline.writeUnits());
  }
}
