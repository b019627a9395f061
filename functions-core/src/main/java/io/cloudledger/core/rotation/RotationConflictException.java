package io.cloudledger.core.rotation;

/** Another rotation of the same secret, with another token, is in progress. */
public final class RotationConflictException extends RotationException {
  public RotationConflictException(String message) {
    super("rotation-in-progress", message);
  }
}
