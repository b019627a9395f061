package io.cloudledger.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.Key;
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

  /** What the Secrets stack needs. */
  public record Props(StackProps stackProps, String externalId) {}

  private final Key key;
  private final Map<String, Secret> secrets = new LinkedHashMap<>();

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
                    "No rotation function exists yet (it comes with the rotation handler of"
                        + " aws-lambda); until then values are changed with put-secret-value."
                        + " The external id changes together with every member role's trust.")
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

  /** The secrets by short name ({@link #EXTERNAL_ID}, ...). */
  public Map<String, Secret> secrets() {
    return Collections.unmodifiableMap(secrets);
  }
}
