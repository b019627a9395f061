package io.cloudledger.azurefn.rotation;

import io.cloudledger.core.rotation.StepResult;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rotation function's log lines: event, vault, secret, token and steps, never a value. */
final class RotationLog {
  private static final Logger LOG = LoggerFactory.getLogger(SecretNearExpiryFunction.class);

  private RotationLog() {}

  static void skipped(SecretNearExpiryEvent event) {
    LOG.info(
        "not rotated eventId={} eventType={} vault={} secret={}: {}",
        event.id(),
        event.eventType(),
        event.vaultName(),
        event.secretName(),
        event.nearExpiry() ? "no rotation target configured" : "not a near-expiry event");
  }

  static void rotated(SecretNearExpiryEvent event, List<StepResult> steps) {
    for (StepResult step : steps) {
      LOG.info(
          "rotation step eventId={} vault={} secret={} token={} step={} changed={}: {}",
          event.id(),
          event.vaultName(),
          event.secretName(),
          event.rotationToken(),
          step.step(),
          step.changed(),
          step.detail());
    }
  }
}
