/**
 * Secret Manager rotation notifications (Pub/Sub {@code SECRET_ROTATE} messages) run through the
 * core rotation state machine: {@link io.cloudledger.gcf.rotation.SecretRotationFunction}.
 */
package io.cloudledger.gcf.rotation;
