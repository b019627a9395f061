/**
 * Secret rotation: the four-step state machine ({@link io.cloudledger.core.rotation.Rotation}) over
 * a store with versions and staging labels ({@link io.cloudledger.core.rotation.VersionedSecrets}),
 * applying new values to a {@link io.cloudledger.core.rotation.RotationTarget}.
 */
package io.cloudledger.core.rotation;
