package io.cloudledger.core.health;

/** How one health check ended. */
public enum CheckStatus {
  /** It worked. */
  OK,
  /** The provider refused it for lack of a permission: the check's name is the missing one. */
  MISSING,
  /** It failed for another reason (wrong ExternalId, bad credentials, unreachable endpoint...). */
  FAILED,
  /** Not applicable here (no role to assume), or not tried because an earlier step failed. */
  SKIPPED
}
