package io.cloudledger.core.error;

/**
 * A failure that trying again will not fix (access denied, an unknown account, an invalid request).
 * It is logged with the request id and sent to the dead-letter path, never retried forever.
 */
public non-sealed class PermanentException extends CloudledgerException {

  public PermanentException(String reason, String message) {
    super(reason, message, null);
  }

  public PermanentException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
