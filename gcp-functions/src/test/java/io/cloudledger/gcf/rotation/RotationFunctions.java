package io.cloudledger.gcf.rotation;

import com.google.cloud.functions.CloudEventsFunction;

/** Test access to the rotation function's second constructor (it is package-private). */
public final class RotationFunctions {
  public static volatile SecretRotations rotations;

  private RotationFunctions() {}

  public static CloudEventsFunction wired() {
    return new SecretRotationFunction(rotations);
  }
}
