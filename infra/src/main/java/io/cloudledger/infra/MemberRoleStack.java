package io.cloudledger.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * {@code CloudledgerMemberRole}: the read-only role the worker assumes in a member account, trusted
 * only by the central worker role and only with the ExternalId. Deploy one per member account (the
 * app makes one stack per {@code memberAccounts} entry), or its template as a StackSet.
 */
public final class MemberRoleStack extends Stack {

  /**
   * What the member role needs.
   *
   * @param centralAccount the account whose worker assumes the role; empty for the stack's own
   * @param workerRoleName the worker role's name in the central account
   * @param actions the read-only IAM actions to allow
   */
  public record Props(
      StackProps stackProps,
      String roleName,
      String externalId,
      String centralAccount,
      String workerRoleName,
      List<String> actions) {
    public Props {
      actions = List.copyOf(actions);
    }
  }

  private final Role role;

  public MemberRoleStack(Construct scope, String id, Props props) {
    super(scope, id, props.stackProps());
    String central = props.centralAccount().isEmpty() ? Aws.ACCOUNT_ID : props.centralAccount();
    String workerRoleArn =
        Arn.format(
            ArnComponents.builder()
                .service("iam")
                .region("")
                .account(central)
                .resource("role")
                .resourceName(props.workerRoleName())
                .build(),
            this);
    // The account as principal plus aws:PrincipalArn (rather than the role's ARN as principal):
    // the trust stays valid when the worker role is replaced, and this stack deploys before it.
    this.role =
        Role.Builder.create(this, "Reader")
            .roleName(props.roleName())
            .description("cloudledger: read-only inventory and cost, assumed by the central worker")
            .maxSessionDuration(Duration.hours(1))
            .assumedBy(
                new AccountPrincipal(central)
                    .withConditions(
                        Map.of(
                            "StringEquals",
                            Map.of(
                                "sts:ExternalId",
                                props.externalId(),
                                "aws:PrincipalArn",
                                workerRoleArn))))
            .inlinePolicies(
                Map.of(
                    "cloudledger-read",
                    PolicyDocument.Builder.create()
                        .statements(
                            List.of(
                                PolicyStatement.Builder.create()
                                    .effect(Effect.ALLOW)
                                    .actions(props.actions())
                                    .resources(List.of("*"))
                                    .build()))
                        .build()))
            .build();
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "ec2:Describe*, s3:ListAllMyBuckets and ce:GetCostAndUsage support no"
                        + " resource-level permissions: IAM accepts only '*' for them. The actions"
                        + " are listed one by one and are read-only.")
                .appliesTo(List.of("Resource::*"))
                .build()));
  }

  /** The read-only role. */
  public Role role() {
    return role;
  }
}
