package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.fault.FaultInjector;

/** Counts each call and applies the fault plan to it, the same way for every AWS service. */
final class AwsCallGate {
  private final CallCounters counters;
  private final FaultInjector faults;

  AwsCallGate(CallCounters counters, FaultInjector faults) {
    this.counters = counters;
    this.faults = faults;
  }

  void countUnauthenticated(String operation) {
    counters.recordCall(operation, CallCounters.UNKNOWN_ACCOUNT);
  }

  /** Counts the call, sleeps any injected latency and says whether it must fail instead. */
  FaultDecision enter(String operation, String account, String region, int page) {
    counters.recordCall(operation, account, region);
    FaultDecision decision = faults.decide(operation, account, region, page);
    if (decision.latencyMillis() > 0) {
      try {
        Thread.sleep(decision.latencyMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (decision.fails()) {
      counters.recordInjectedFault(operation, account);
    }
    return decision;
  }
}
