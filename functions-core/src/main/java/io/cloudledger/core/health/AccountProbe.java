package io.cloudledger.core.health;

/**
 * Checks one account's onboarding (port): credentials, role or subscription access, and each read
 * permission the connector uses, with one cheap call each. Implemented by each connector. Never
 * throws for what it checks: every problem becomes a {@link HealthCheck}.
 */
public interface AccountProbe {

  AccountHealth check();
}
