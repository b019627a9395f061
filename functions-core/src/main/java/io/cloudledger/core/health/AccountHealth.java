package io.cloudledger.core.health;

import java.util.List;
import java.util.Objects;

/**
 * The onboarding checks of one account, in the order they ran: credentials, role, then one per
 * required read permission.
 *
 * @param account the account key ({@code aws#123456789012}), or the session's name when the account
 *     could not even be identified
 * @param source the {@code cloud_sessions} entry
 */
public record AccountHealth(String account, String source, List<HealthCheck> checks) {

  public AccountHealth {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(source, "source");
    checks = List.copyOf(checks);
  }

  /** Healthy when no check is missing or failed (skipped ones are fine). */
  public boolean healthy() {
    return checks.stream()
        .noneMatch(c -> c.status() == CheckStatus.MISSING || c.status() == CheckStatus.FAILED);
  }

  /** The exact names of the permissions the provider refused. */
  public List<String> missingPermissions() {
    return checks.stream()
        .filter(c -> c.status() == CheckStatus.MISSING)
        .map(HealthCheck::name)
        .toList();
  }

  /** The checks that failed for another reason than a missing permission. */
  public List<HealthCheck> failures() {
    return checks.stream().filter(c -> c.status() == CheckStatus.FAILED).toList();
  }
}
