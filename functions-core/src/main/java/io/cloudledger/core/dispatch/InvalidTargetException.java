package io.cloudledger.core.dispatch;

import io.cloudledger.core.error.PermanentException;

/** A targeted re-sync named a resource that cannot be resolved to an account and a scope. */
public final class InvalidTargetException extends PermanentException {
  public InvalidTargetException(String reason, String message) {
    super(reason, message);
  }
}
