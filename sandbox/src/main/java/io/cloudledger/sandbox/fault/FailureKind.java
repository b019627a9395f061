package io.cloudledger.sandbox.fault;

/** A failure a handler must answer with, in its own protocol's shape. */
public enum FailureKind {
  /** The call proceeds normally. */
  NONE,
  THROTTLE,
  SERVER_ERROR,
  DENY
}
