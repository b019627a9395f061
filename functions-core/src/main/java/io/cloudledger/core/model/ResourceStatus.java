package io.cloudledger.core.model;

/**
 * A resource's lifecycle state, normalized across clouds; the provider's own word stays in {@link
 * Resource#rawStatus()}. Connectors map anything they do not recognize to {@link #UNKNOWN}.
 */
public enum ResourceStatus {
  PENDING,
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  SUSPENDED,
  TERMINATING,
  TERMINATED,
  DELETING,
  /** Ready for use, for resources that do not run (buckets, networks, subnets). */
  AVAILABLE,
  FAILED,
  UNKNOWN
}
