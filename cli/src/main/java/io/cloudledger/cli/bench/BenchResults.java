package io.cloudledger.cli.bench;

import java.util.ArrayList;
import java.util.List;

/** What the scenarios of one run measured so far; filled in as they run. */
public final class BenchResults {
  private final List<SyncMeasurement> syncs = new ArrayList<>();
  private StoreCeiling storeCeiling;
  private FanOutMeasurement fanOut;
  private LargeAccountMeasurement largeAccount;
  private SharedBudgetMeasurement sharedBudget;

  public synchronized void sharedBudget(SharedBudgetMeasurement measurement) {
    this.sharedBudget = measurement;
  }

  synchronized SharedBudgetMeasurement sharedBudget() {
    return sharedBudget;
  }

  public synchronized void addSync(SyncMeasurement measurement) {
    syncs.add(measurement);
  }

  public synchronized void storeCeiling(StoreCeiling ceiling) {
    this.storeCeiling = ceiling;
  }

  public synchronized void fanOut(FanOutMeasurement measurement) {
    this.fanOut = measurement;
  }

  public synchronized void largeAccount(LargeAccountMeasurement measurement) {
    this.largeAccount = measurement;
  }

  synchronized List<SyncMeasurement> syncs() {
    return List.copyOf(syncs);
  }

  synchronized StoreCeiling storeCeiling() {
    return storeCeiling;
  }

  synchronized FanOutMeasurement fanOut() {
    return fanOut;
  }

  synchronized LargeAccountMeasurement largeAccount() {
    return largeAccount;
  }

  /** One comparison per (scenario, provider) measured with both implementations. */
  synchronized List<Comparison> comparisons() {
    List<Comparison> comparisons = new ArrayList<>();
    for (SyncMeasurement optimized : syncs) {
      if (!optimized.implementation().equals(SyncImplementation.OPTIMIZED)) {
        continue;
      }
      syncs.stream()
          .filter(b -> b.implementation().equals(SyncImplementation.BASELINE))
          .filter(b -> b.scenario().equals(optimized.scenario()))
          .filter(b -> b.provider().equals(optimized.provider()))
          .findFirst()
          .ifPresent(baseline -> comparisons.add(Comparison.of(optimized, baseline)));
    }
    return comparisons;
  }
}
