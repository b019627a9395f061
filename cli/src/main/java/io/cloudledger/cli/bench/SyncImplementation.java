package io.cloudledger.cli.bench;

/** One way of syncing a provider's whole estate into DynamoDB: cloudledger's, or the baseline. */
public interface SyncImplementation {
  /** {@value #OPTIMIZED} or {@value #BASELINE}. */
  String name();

  /** Syncs every account once and says what was written; API calls are counted by the caller. */
  SyncOutcome syncAll(String requestId);

  String OPTIMIZED = "cloudledger";
  String BASELINE = "baseline";
}
