package io.cloudledger.core.rotation;

import io.cloudledger.core.error.PermanentException;

/**
 * A rotation step cannot proceed: the secret or version is missing, a label is not where the step
 * needs it, or the target refused. The message names the secret and versions, never a value.
 */
public class RotationException extends PermanentException {
  public RotationException(String reason, String message) {
    super(reason, message);
  }

  public RotationException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
