package io.cloudledger.sandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Thread-safe counts of API calls per operation and account, so tests and the benchmark can prove
 * that calls grow with pages, not with resources. Calls whose caller is unknown count under account
 * {@value #UNKNOWN_ACCOUNT}.
 */
public final class CallCounters {
  public static final String UNKNOWN_ACCOUNT = "unknown";

  private record Key(String operation, String account) {}

  private record Tally(LongAdder calls, LongAdder injected) {
    Tally() {
      this(new LongAdder(), new LongAdder());
    }
  }

  private record Second(String operation, String account, String region, long epochSecond) {}

  private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();
  private final Map<Second, LongAdder> perSecond = new ConcurrentHashMap<>();

  /** Counts one call as it arrives, before any fault is decided. */
  public void recordCall(String operation, String account) {
    recordCall(operation, account, "");
  }

  /** Counts one call to {@code region} as it arrives, before any fault is decided. */
  public void recordCall(String operation, String account, String region) {
    tally(operation, account).calls().increment();
    perSecond
        .computeIfAbsent(
            new Second(operation, account, region, System.currentTimeMillis() / 1000),
            s -> new LongAdder())
        .increment();
  }

  /**
   * Calls that arrived for {@code account} in each wall-clock second (epoch seconds, ascending),
   * throttled ones included, over all regions: the rate a provider would have seen.
   */
  public SortedMap<Long, Long> callsPerSecond(String account) {
    return callsPerSecond(account, operation -> true);
  }

  /** {@link #callsPerSecond(String)} of the operations {@code operations} accepts only. */
  public SortedMap<Long, Long> callsPerSecond(String account, Predicate<String> operations) {
    SortedMap<Long, Long> series = new TreeMap<>();
    perSecond.forEach(
        (second, calls) -> {
          if (second.account().equals(account) && operations.test(second.operation())) {
            series.merge(second.epochSecond(), calls.sum(), Long::sum);
          }
        });
    return series;
  }

  /**
   * The most calls {@code account} got in one wall-clock second in one region (AWS rate limits are
   * per account and region); 0 when it got none.
   */
  public long peakCallsPerSecond(String account) {
    return peakCallsPerSecond(account, operation -> true);
  }

  /** {@link #peakCallsPerSecond(String)} of the operations {@code operations} accepts only. */
  public long peakCallsPerSecond(String account, Predicate<String> operations) {
    Map<String, Long> perRegionSecond = new java.util.HashMap<>();
    perSecond.forEach(
        (second, calls) -> {
          if (second.account().equals(account) && operations.test(second.operation())) {
            perRegionSecond.merge(
                second.region() + "@" + second.epochSecond(), calls.sum(), Long::sum);
          }
        });
    return perRegionSecond.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** Counts one injected fault (throttle, 5xx, deny) answered instead of the real response. */
  public void recordInjectedFault(String operation, String account) {
    tally(operation, account).injected().increment();
  }

  private Tally tally(String operation, String account) {
    return tallies.computeIfAbsent(new Key(operation, account), k -> new Tally());
  }

  public long calls(String operation, String account) {
    Tally tally = tallies.get(new Key(operation, account));
    return tally == null ? 0 : tally.calls().sum();
  }

  /** Calls of {@code operation} over all accounts. */
  public long calls(String operation) {
    return tallies.entrySet().stream()
        .filter(e -> e.getKey().operation().equals(operation))
        .mapToLong(e -> e.getValue().calls().sum())
        .sum();
  }

  public long totalCalls() {
    return tallies.values().stream().mapToLong(t -> t.calls().sum()).sum();
  }

  public long injectedFaults(String operation) {
    return tallies.entrySet().stream()
        .filter(e -> e.getKey().operation().equals(operation))
        .mapToLong(e -> e.getValue().injected().sum())
        .sum();
  }

  /** All non-zero counts, sorted by operation then account. */
  public List<CallCount> snapshot() {
    return tallies.entrySet().stream()
        .map(
            e ->
                new CallCount(
                    e.getKey().operation(),
                    e.getKey().account(),
                    e.getValue().calls().sum(),
                    e.getValue().injected().sum()))
        .sorted(Comparator.comparing(CallCount::operation).thenComparing(CallCount::account))
        .toList();
  }

  public void reset() {
    tallies.clear();
    perSecond.clear();
  }
}
