/**
 * Onboarding health: whether an account's credentials resolve, its role can be assumed and every
 * read permission the connector needs is granted ({@link
 * io.cloudledger.core.health.AccountHealth}), as each connector's probe reports it.
 */
package io.cloudledger.core.health;
