package io.cloudledger.azurefn.rotation;

import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.VersionedSecrets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The core {@link Rotation} of a Key Vault secret: the vault's {@link VersionedSecrets} (from
 * {@code vaults}, by vault name) and the secret's configured {@link RotationTargets target}. Both
 * are ports, so the Key Vault store and cloud-specific targets plug in without touching the
 * function.
 */
public final class SecretRotations {
  private final RotationTargets targets;
  private final Function<String, VersionedSecrets> vaults;

  public SecretRotations(RotationTargets targets, Function<String, VersionedSecrets> vaults) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.vaults = Objects.requireNonNull(vaults, "vaults");
  }

  /** The rotation of {@code secret} in {@code vault}; empty when this app does not rotate it. */
  public Optional<Rotation> forSecret(String vault, String secret) {
    return targets.targetOf(vault, secret).map(target -> new Rotation(vaults.apply(vault), target));
  }
}
