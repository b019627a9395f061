package io.cloudledger.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * {@code CloudledgerSecrets}: the Secrets Manager secrets the functions read, under one
 * customer-managed key.
 */
public final class SecretsStack extends Stack {

  /** The prefix of every secret's name; the functions' {@code SEC/} references resolve below it. */
  public static final String NAME_PREFIX = "cloudledger/";

  /** The ExternalId the worker sends when it assumes a member role. */
  public static final String EXTERNAL_ID = "aws-external-id";

  /** The client secret of the Azure service principal (set its value after deploy). */
  public static final String AZURE_CLIENT_SECRET = "azure-client-secret";

  /** The GCP service-account key JSON (set its value after deploy). */
  public static final String GCP_SERVICE_ACCOUNT_KEY = "gcp-service-account-key";

  /** The managed policy that lets an IAM user rotate its own access keys. */
  public static final String SELF_ROTATION_POLICY_NAME = "cloudledger-rotate-own-access-key";

  /**
   * The Secrets Manager actions the rotation function calls ({@code SecretsManagerRotations}: the
   * secret's tags; {@code SecretsManagerVersions}: its versions and stages).
   */
  public static final List<String> ROTATION_SECRET_ACTIONS =
      List.of(
          "secretsmanager:DescribeSecret",
          "secretsmanager:ListSecretVersionIds",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage");

  /**
   * What {@code IamAccessKeyTarget} calls, signed with the rotated user's own current key (never
   * with the function's role), so only that user's policy needs them.
   */
  public static final List<String> SELF_ROTATION_ACTIONS =
      List.of("iam:ListAccessKeys", "iam:CreateAccessKey", "iam:DeleteAccessKey");

  /**
   * What the Secrets stack needs.
   *
   * @param lambdaJar the {@code aws-lambda} rotation jar ({@link LambdaArtifact.Jar#ROTATION})
   */
  public record Props(
      StackProps stackProps, String externalId, Path lambdaJar, RetentionDays logRetention) {}

  private final Key key;
  private final Map<String, Secret> secrets = new LinkedHashMap<>();
  private final SyncFunction rotation;
  private final ManagedPolicy selfRotationPolicy;

  public SecretsStack(Construct scope, String id, Props props) {
    super(scope, id, props.stackProps());
    this.key =
        Key.Builder.create(this, "SecretsKey")
            .description("cloudledger: encrypts the secrets the functions read")
            .alias("alias/cloudledger-secrets")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // The ExternalId is a confused-deputy guard, not a credential: the same value sits in every
    // member role's trust policy. Keeping it here lets the worker read it like any other secret.
    secrets.put(
        EXTERNAL_ID,
        secret("ExternalId", EXTERNAL_ID, SecretValue.unsafePlainText(props.externalId())));
    // Operators put the real values after deploy; generated placeholders keep any default out of
    // the template.
    for (String name : List.of(AZURE_CLIENT_SECRET, GCP_SERVICE_ACCOUNT_KEY)) {
      secrets.put(name, secret(constructId(name), name, null));
    }
    this.rotation = rotationFunction(props);
    this.selfRotationPolicy = createSelfRotationPolicy();
  }

  /**
   * The rotation function may read and write the versions of every {@code cloudledger/} secret and
   * nothing else; the secret's tags choose what it rotates.
   */
  private SyncFunction rotationFunction(Props props) {
    SyncFunction function =
        new SyncFunction(
            this,
            LambdaArtifact.ROTATION.id(),
            new SyncFunction.Props(
                LambdaArtifact.ROTATION,
                Code.fromAsset(props.lambdaJar().toString()),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"),
                props.logRetention(),
                ""));
    String secretPattern =
        Arn.format(
            ArnComponents.builder()
                .service("secretsmanager")
                .resource("secret")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .resourceName(NAME_PREFIX + "*")
                .build(),
            this);
    function
        .role()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(ROTATION_SECRET_ACTIONS)
                .resources(List.of(secretPattern))
                .build());
    // Secrets Manager decrypts the current value and encrypts the new one with the secrets key on
    // the caller's behalf: GenerateDataKey + Decrypt, and only through Secrets Manager.
    function
        .role()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of(key.getKeyArn()))
                .conditions(
                    Map.of(
                        "StringEquals",
                        Map.of(
                            "kms:ViaService", "secretsmanager." + getRegion() + ".amazonaws.com")))
                .build());
    // Only Secrets Manager, and only for secrets of this account, may start a rotation step.
    function
        .alias()
        .addPermission(
            "SecretsManagerInvoke",
            Permission.builder()
                .principal(new ServicePrincipal("secretsmanager.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceAccount(getAccount())
                .build());
    NagSuppressions.addResourceSuppressions(
        function.role(),
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "The rotation function rotates whichever cloudledger/ secret Secrets Manager"
                        + " invokes it for (the secret's cloudledger:rotation-target tag chooses"
                        + " how), including secrets operators add after deploy; the name prefix"
                        + " is the narrowest stable scope.")
                .appliesTo(List.of("Resource::" + secretPatternForNag()))
                .build()),
        true);
    return function;
  }

  /** How cdk-nag prints the secret pattern in its findings. */
  private static String secretPatternForNag() {
    return "arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:"
        + NAME_PREFIX
        + "*";
  }

  /**
   * {@code IamAccessKeyTarget} signs its IAM calls with the key it rotates, so the function's role
   * needs no IAM permission at all; the rotated user needs these on itself. Operators attach this
   * policy to each user whose key secret is tagged {@code aws-iam-key}.
   */
  private ManagedPolicy createSelfRotationPolicy() {
    return ManagedPolicy.Builder.create(this, "SelfRotationPolicy")
        .managedPolicyName(SELF_ROTATION_POLICY_NAME)
        .description("cloudledger: lets an IAM user rotate its own access keys")
        .statements(
            List.of(
                PolicyStatement.Builder.create()
                    .effect(Effect.ALLOW)
                    .actions(SELF_ROTATION_ACTIONS)
                    .resources(
                        List.of(
                            "arn:"
                                + getPartition()
                                + ":iam::"
                                + getAccount()
                                + ":user/${aws:username}"))
                    .build()))
        .build();
  }

  private Secret secret(String id, String name, SecretValue value) {
    Secret.Builder builder =
        Secret.Builder.create(this, id)
            .secretName(NAME_PREFIX + name)
            .description("cloudledger: " + name)
            .encryptionKey(key)
            .removalPolicy(RemovalPolicy.RETAIN);
    if (value != null) {
      builder.secretStringValue(value);
    } else {
      builder.generateSecretString(
          SecretStringGenerator.builder().passwordLength(32).excludePunctuation(true).build());
    }
    Secret secret = builder.build();
    NagSuppressions.addResourceSuppressions(
        secret,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason(
                    "None of these values can be rotated by the rotation function's targets"
                        + " (random-password, aws-iam-key): the external id changes together"
                        + " with every member role's trust policy, and the Azure and GCP"
                        + " credentials are issued by those clouds. They change with"
                        + " put-secret-value; secrets the rotation function can rotate get a"
                        + " schedule when they are tagged.")
                .build()));
    return secret;
  }

  private static String constructId(String name) {
    StringBuilder id = new StringBuilder();
    for (String word : name.split("-")) {
      id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return id.toString();
  }

  /** The key the secrets are encrypted with. */
  public Key key() {
    return key;
  }

  /** The function Secrets Manager invokes to rotate a {@code cloudledger/} secret. */
  public SyncFunction rotation() {
    return rotation;
  }

  /** The policy a rotated IAM user needs on itself. */
  public ManagedPolicy selfRotationPolicy() {
    return selfRotationPolicy;
  }

  /** The secrets by short name ({@link #EXTERNAL_ID}, ...). */
  public Map<String, Secret> secrets() {
    return Collections.unmodifiableMap(secrets);
  }
}
