package io.cloudledger.core.config;

import java.util.Objects;

/**
 * An AWS session's {@code organization:} block: the session is a management (or delegated
 * administrator) session that lists the organization's accounts, and each member account is read by
 * assuming {@code memberRole} in it from the session's base credentials.
 *
 * @param memberRole the role name (optionally with a path, {@code team/reader}) in every member
 * @param externalId the ExternalId presented to each member role; {@link #ACCOUNT_ID_PLACEHOLDER}
 *     in its resolved value is replaced by the member's account id; {@link ConfigValue.Unset} when
 *     the member roles demand none
 */
public record AwsOrganization(
    ValueOrigin origin, String memberRole, ConfigValue externalId, DiscoveryRules rules)
    implements AwsAccounts {

  /** Replaced by the member account's id in {@code external_id}. */
  public static final String ACCOUNT_ID_PLACEHOLDER = "{account_id}";

  public AwsOrganization {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(memberRole, "memberRole");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(rules, "rules");
  }
}
