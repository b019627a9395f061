package io.cloudledger.gcf.rotation;

import io.cloudledger.core.rotation.Rotation;
import java.util.Map;

/** Makes the {@link Rotation} of a Secret Manager secret from its name and labels (the wiring). */
@FunctionalInterface
public interface SecretRotations {

  /**
   * @param secretId {@code projects/<project>/secrets/<name>}
   * @param labels the secret's labels, from the notification
   */
  Rotation forSecret(String secretId, Map<String, String> labels);
}
