package io.cloudledger.sandbox.fault;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Decides, per call, which faults of the current {@link FaultPlan} fire. Draws are deterministic:
 * the n-th call matching rule r always gets the same draw for the same seed.
 */
public final class FaultInjector {
  private record Armed(FaultPlan plan, List<AtomicLong> matches, List<RateWindows> windows) {}

  /**
   * Calls per (account and region, wall-clock second) of one rule, for its {@code limit} faults.
   */
  private static final class RateWindows {
    private record Window(String account, long second) {}

    private final Map<Window, AtomicLong> counts = new ConcurrentHashMap<>();

    long next(String account, long second) {
      // Old windows are dropped as time moves on, so a long run keeps a handful at most.
      counts.keySet().removeIf(w -> w.second() < second - 1);
      return counts
          .computeIfAbsent(new Window(account, second), w -> new AtomicLong())
          .incrementAndGet();
    }
  }

  private final long seed;
  private final AtomicReference<Armed> armed = new AtomicReference<>();

  public FaultInjector(long seed, FaultPlan initial) {
    this.seed = seed;
    replace(initial);
  }

  /** Replaces the plan and restarts its counting (so {@code firstN} fires again). */
  public void replace(FaultPlan plan) {
    armed.set(
        new Armed(
            plan,
            IntStream.range(0, plan.rules().size()).mapToObj(i -> new AtomicLong()).toList(),
            IntStream.range(0, plan.rules().size()).mapToObj(i -> new RateWindows()).toList()));
  }

  public FaultPlan plan() {
    return armed.get().plan();
  }

  /**
   * Decides the fate of one call.
   *
   * @param page the 1-based page this call asks for (1 for calls that are not paged)
   */
  public FaultDecision decide(String operation, String account, String region, int page) {
    Armed current = armed.get();
    long latency = 0;
    FailureKind failure = FailureKind.NONE;
    List<FaultRule> rules = current.plan().rules();
    for (int r = 0; r < rules.size(); r++) {
      FaultRule rule = rules.get(r);
      if (!rule.matches(operation, account, region)) {
        continue;
      }
      long n = current.matches().get(r).incrementAndGet();
      SplittableRandom draws = new SplittableRandom(seed ^ (r + 1L) * 0x9E3779B97F4A7C15L ^ n);
      for (Fault fault : rule.faults()) {
        switch (fault) {
          case Fault.Latency l ->
              latency =
                  Math.max(
                      latency, l.minMillis() + draws.nextLong(l.maxMillis() - l.minMillis() + 1));
          case Fault.Throttle t -> {
            if (failure == FailureKind.NONE && fires(t.rate(), n, draws)) {
              failure = FailureKind.THROTTLE;
            }
          }
          case Fault.ServerError e -> {
            if (failure == FailureKind.NONE && fires(e.rate(), n, draws)) {
              failure = FailureKind.SERVER_ERROR;
            }
          }
          case Fault.FailAfterPage f -> {
            if (failure == FailureKind.NONE && page > f.page()) {
              failure = FailureKind.SERVER_ERROR;
            }
          }
          case Fault.Deny d -> {
            if (failure == FailureKind.NONE) {
              failure = FailureKind.DENY;
            }
          }
          case Fault.Unreachable u -> {} // asked per zone through unreachable()
          case Fault.Limit l -> {
            long second = System.currentTimeMillis() / 1000;
            // Per account and region, as EC2 throttles ("per account, per Region").
            if (current.windows().get(r).next(account + "/" + region, second) > l.perSecond()
                && failure == FailureKind.NONE) {
              failure = FailureKind.THROTTLE;
            }
          }
        }
      }
    }
    return latency == 0 && failure == FailureKind.NONE
        ? FaultDecision.NONE
        : new FaultDecision(latency, failure);
  }

  /**
   * Whether an {@code unreachable} rule names {@code zoneOrRegion} (exactly, not through '*') for
   * this operation and account. Counts no call and draws nothing.
   */
  public boolean unreachable(String operation, String account, String zoneOrRegion) {
    return armed.get().plan().rules().stream()
        .anyMatch(
            rule ->
                rule.region().equals(zoneOrRegion)
                    && rule.matches(operation, account, zoneOrRegion)
                    && rule.faults().stream().anyMatch(f -> f instanceof Fault.Unreachable));
  }

  private static boolean fires(Rate rate, long n, SplittableRandom draws) {
    return switch (rate) {
      case Rate.Probability p -> draws.nextDouble() < p.value();
      case Rate.Every e -> n % e.n() == 0;
      case Rate.First f -> n <= f.n();
    };
  }
}
