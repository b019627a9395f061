package io.cloudledger.azurefn.rotation;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.cloudledger.core.rotation.Rotation;
import io.cloudledger.core.rotation.StepResult;
import java.util.List;
import java.util.Optional;

/**
 * Key Vault's {@code Microsoft.KeyVault.SecretNearExpiry} (Event Grid trigger): runs the four steps
 * of the core {@link Rotation} for the secret, with a token derived from the expiring version. A
 * failed step throws, so Event Grid redelivers and the idempotent steps resume. Other event types
 * and secrets this app does not rotate are acknowledged and logged.
 */
public final class SecretNearExpiryFunction {
  private final SecretRotations rotations;

  public SecretNearExpiryFunction() {
    this(RotationInstance.rotations());
  }

  SecretNearExpiryFunction(SecretRotations rotations) {
    this.rotations = rotations;
  }

  @FunctionName("secretNearExpiry")
  public void run(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
    SecretNearExpiryEvent parsed = SecretNearExpiryEvent.parse(event);
    Optional<Rotation> rotation =
        parsed.nearExpiry()
            ? rotations.forSecret(parsed.vaultName(), parsed.secretName())
            : Optional.empty();
    if (rotation.isEmpty()) {
      RotationLog.skipped(parsed);
      return;
    }
    List<StepResult> steps = rotation.get().run(parsed.secretName(), parsed.rotationToken());
    RotationLog.rotated(parsed, steps);
  }
}
