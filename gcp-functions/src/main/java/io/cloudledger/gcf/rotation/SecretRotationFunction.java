package io.cloudledger.gcf.rotation;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.rotation.StepResult;
import io.cloudledger.gcf.PubSubMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret Manager's rotation notification (a Pub/Sub message on the secret's topic): runs the four
 * steps of the core rotation, with the message id as the rotation token, so a redelivery after a
 * crash resumes the same rotation. A retryable failure throws (Pub/Sub redelivers); a permanent one
 * is logged and acknowledged. Other event types on the topic are acknowledged and ignored.
 */
public final class SecretRotationFunction implements CloudEventsFunction {
  private static final Logger LOG = LoggerFactory.getLogger(SecretRotationFunction.class);
  private final SecretRotations rotations;

  public SecretRotationFunction() {
    this(RotationWiring.fromEnvironment(System.getenv()));
  }

  SecretRotationFunction(SecretRotations rotations) {
    this.rotations = rotations;
  }

  @Override
  public void accept(CloudEvent event) {
    try {
      PubSubMessage message = PubSubMessage.of(event);
      RotationNotification notice = RotationNotification.of(message);
      if (!notice.asksForRotation()) {
        LOG.info("ignored eventType={} secretId={}", notice.eventType(), notice.secretId());
        return;
      }
      String token = "rotation-" + message.messageId();
      List<StepResult> steps =
          rotations.forSecret(notice.secretId(), notice.labels()).run(notice.secretId(), token);
      LOG.info("rotated secretId={} token={} steps={}", notice.secretId(), token, steps);
    } catch (PermanentException e) {
      LOG.error(
          "rotation failed permanently messageId={} reason={}, acknowledged: {}",
          event.getId(),
          e.reason(),
          e.getMessage());
    }
  }
}
