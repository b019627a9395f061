package io.cloudledger.core.discovery;

/**
 * Lists the accounts of one organization (port): AWS Organizations, Azure subscriptions under
 * management groups, GCP projects under folders. Implemented by each connector. Failures are {@link
 * io.cloudledger.core.error.RetryableException} (throttled beyond retries, unavailable) or {@link
 * io.cloudledger.core.error.PermanentException} (denied, not an organization's manager).
 */
public interface AccountDiscovery {

  /** The {@code cloud_sessions} entry this discovery runs with. */
  String source();

  /** Lists the organization now, applying the session's include and skip rules. */
  DiscoveryResult discover();
}
