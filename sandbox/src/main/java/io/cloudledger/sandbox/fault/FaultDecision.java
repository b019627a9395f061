package io.cloudledger.sandbox.fault;

/** What to do to one call: wait {@code latencyMillis}, then answer with {@code failure}. */
public record FaultDecision(long latencyMillis, FailureKind failure) {
  public static final FaultDecision NONE = new FaultDecision(0, FailureKind.NONE);

  public boolean fails() {
    return failure != FailureKind.NONE;
  }
}
