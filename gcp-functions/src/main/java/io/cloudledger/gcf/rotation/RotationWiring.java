package io.cloudledger.gcf.rotation;

import java.util.Map;

/** The rotation wiring of a deployed function, built from its environment. */
final class RotationWiring {
  private RotationWiring() {}

  /**
   * The Secret Manager store ({@code VersionedSecrets}) and the service-account key target live in
   * connectors/gcp and are not in this build yet: until they are, a deployed rotation function
   * refuses to start with this message rather than rotating against the wrong store.
   */
  static SecretRotations fromEnvironment(Map<String, String> env) {
    throw new IllegalStateException(
        "the GCP Secret Manager rotation store is not wired into this build yet; construct"
            + " SecretRotationFunction with a SecretRotations (LabelledRotations) instead");
  }
}
