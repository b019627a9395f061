package io.cloudledger.azurefn.rotation;

import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.rotation.VersionedSecrets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The core {@link Rotation} of a Key Vault secret: the vault's {@link VersionedSecrets} (from
 * {@code vaults}, by vault name) and the secret's target. The target is the one the secret's own
 * tags declare ({@link TaggedTargets}, the way {@code cloudledger rotate} chooses it), else the one
 * {@link RotationTargets} configures for it; both are ports, so the Key Vault store and
 * cloud-specific targets plug in without touching the function.
 */
public final class SecretRotations {
  /** The target a secret declares itself (Key Vault tags); empty when it declares none. */
  @FunctionalInterface
  public interface TaggedTargets {
    Optional<RotationTarget> targetOf(String vault, String secret);

    /** Secrets declare nothing: only the configured targets apply. */
    static TaggedTargets none() {
      return (vault, secret) -> Optional.empty();
    }
  }

  private final RotationTargets targets;
  private final Function<String, VersionedSecrets> vaults;
  private final TaggedTargets tagged;

  public SecretRotations(
      RotationTargets targets, Function<String, VersionedSecrets> vaults, TaggedTargets tagged) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.vaults = Objects.requireNonNull(vaults, "vaults");
    this.tagged = Objects.requireNonNull(tagged, "tagged");
  }

  /** Configured targets only. */
  public SecretRotations(RotationTargets targets, Function<String, VersionedSecrets> vaults) {
    this(targets, vaults, TaggedTargets.none());
  }

  /**
   * The rotation of {@code secret} in {@code vault}; empty when this app does not rotate it. A
   * secret whose tag and configured entry name different kinds fails permanently ({@code
   * rotation-target-conflict}) rather than silently picking one.
   */
  public Optional<Rotation> forSecret(String vault, String secret) {
    Optional<RotationTarget> configured = targets.targetOf(vault, secret);
    Optional<RotationTarget> declared = tagged.targetOf(vault, secret);
    if (declared.isPresent()
        && configured.isPresent()
        && !declared.get().kind().equals(configured.get().kind())) {
      throw new PermanentException(
          "rotation-target-conflict",
          "secret "
              + secret
              + " in vault "
              + vault
              + " is tagged for target "
              + declared.get().kind()
              + " but "
              + RotationTargets.SETTING
              + " names "
              + configured.get().kind());
    }
    return declared.or(() -> configured).map(t -> new Rotation(vaults.apply(vault), t));
  }
}
