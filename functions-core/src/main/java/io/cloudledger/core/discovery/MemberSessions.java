package io.cloudledger.core.discovery;

import io.cloudledger.core.config.AwsOrganization;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.ConfigValue;
import io.cloudledger.core.config.ValueOrigin;
import java.util.Optional;

/**
 * The session that reads one discovered member account: the organization session's base
 * credentials, home region, regions and endpoints, assuming the organization's member role in the
 * account with its ExternalId template filled in.
 */
public final class MemberSessions {
  private MemberSessions() {}

  /**
   * The session reading {@code accountId} of {@code organizationSession}'s organization. The base
   * credentials assume the member role directly (not through the session's own {@code role_arn},
   * which is for the management account), as a hub identity trusted by every member role does.
   *
   * @throws IllegalArgumentException when the session is not an organization session
   */
  public static AwsSession aws(
      AwsSession organizationSession, String accountId, ConfigResolver resolver) {
    AwsOrganization organization =
        organizationSession
            .organization()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "session '" + organizationSession.name() + "' has no organization"));
    ValueOrigin origin = organization.origin();
    String partition = partition(resolver.resolveOptionalText(organizationSession.region()));
    ConfigValue roleArn =
        ConfigValue.Literal.of(
            origin,
            "arn:" + partition + ":iam::" + accountId + ":role/" + organization.memberRole());
    ConfigValue externalId =
        resolver
            .resolveOptionalSecret(organization.externalId())
            .<ConfigValue>map(
                id ->
                    ConfigValue.Literal.of(
                        organization.externalId().origin(),
                        id.reveal().replace(AwsOrganization.ACCOUNT_ID_PLACEHOLDER, accountId)))
            .orElse(organization.externalId());
    return new AwsSession(
        organizationSession.origin(),
        organizationSession.name() + "-" + accountId,
        organizationSession.region(),
        organizationSession.credentials(),
        roleArn,
        organizationSession.roleSessionName(),
        externalId,
        organizationSession.regions(),
        organizationSession.endpoints(),
        false);
  }

  /** The ARN partition of a home region: aws, aws-cn or aws-us-gov. */
  static String partition(Optional<String> region) {
    String name = region.orElse("");
    if (name.startsWith("cn-")) {
      return "aws-cn";
    }
    if (name.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }
}
