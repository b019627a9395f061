package io.cloudledger.core.dispatch;

import io.cloudledger.core.error.PermanentException;

/**
 * A message that is not a sync request this version can read (bad JSON, unknown schema version,
 * invalid field): redelivering it cannot help, so it goes to the dead-letter path.
 */
public final class MalformedRequestException extends PermanentException {

  public MalformedRequestException(String message) {
    super("malformed-request", message);
  }
}
