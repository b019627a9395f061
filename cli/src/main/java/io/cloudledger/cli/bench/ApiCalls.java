package io.cloudledger.cli.bench;

/** API calls a provider's sandbox served and the faults it injected into them (cumulative). */
public record ApiCalls(long calls, long injectedFaults) {
  public ApiCalls minus(ApiCalls earlier) {
    return new ApiCalls(calls - earlier.calls, injectedFaults - earlier.injectedFaults);
  }
}
