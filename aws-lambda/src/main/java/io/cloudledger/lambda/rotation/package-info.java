/**
 * The Secrets Manager rotation Lambda: {@link io.cloudledger.lambda.rotation.RotationHandler} turns
 * the rotation event into one step of the core rotation state machine.
 */
package io.cloudledger.lambda.rotation;
