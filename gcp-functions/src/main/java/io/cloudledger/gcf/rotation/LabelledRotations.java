package io.cloudledger.gcf.rotation;

import io.cloudledger.core.rotation.RandomPasswordTarget;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.rotation.VersionedSecrets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Chooses a secret's rotation target by its label {@value #TARGET_LABEL} (Secret Manager labels
 * allow only lower-case letters, digits, {@code -} and {@code _}, hence not AWS's tag name), over
 * one {@link VersionedSecrets} store. The targets are given by kind, so the wiring decides which
 * exist (the random password always does).
 */
public final class LabelledRotations implements SecretRotations {
  public static final String TARGET_LABEL = "cloudledger-rotation-target";

  private final VersionedSecrets secrets;
  private final Map<String, Function<Map<String, String>, RotationTarget>> targets;

  /**
   * @param targets extra targets by kind, each made from the secret's labels; {@value
   *     RandomPasswordTarget#KIND} is always known
   */
  public LabelledRotations(
      VersionedSecrets secrets,
      Map<String, Function<Map<String, String>, RotationTarget>> targets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.targets = new TreeMap<>(targets);
    this.targets.putIfAbsent(
        RandomPasswordTarget.KIND, labels -> RandomPasswordTarget.withDefaults());
  }

  @Override
  public Rotation forSecret(String secretId, Map<String, String> labels) {
    String kind = labels.get(TARGET_LABEL);
    if (kind == null) {
      throw new RotationException(
          "no-rotation-target",
          "secret "
              + secretId
              + " has no label "
              + TARGET_LABEL
              + "; set it to one of "
              + targets.keySet());
    }
    var target = targets.get(kind);
    if (target == null) {
      throw new RotationException(
          "unknown-rotation-target",
          "secret "
              + secretId
              + " names rotation target '"
              + kind
              + "'; known: "
              + targets.keySet());
    }
    return new Rotation(secrets, target.apply(labels));
  }
}
