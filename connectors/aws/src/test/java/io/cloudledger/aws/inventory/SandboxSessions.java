package io.cloudledger.aws.inventory;

import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cloud_sessions} entries for a sandbox's accounts, as a user would write them: management
 * keys from the environment, the reader role of each account, its ExternalId as a {@code SEC/}
 * secret, and the sandbox as {@code endpoint_url}.
 */
final class SandboxSessions {
  private static final String KEY_ID_VARIABLE = "SANDBOX_ACCESS_KEY_ID";
  private static final String SECRET_VARIABLE = "SANDBOX_SECRET_ACCESS_KEY";

  private final Sandbox sandbox;
  private final Map<String, String> externalIds = new HashMap<>();

  SandboxSessions(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** The session reading {@code account} with the ExternalId it requires. */
  AwsSession session(AwsAccount account) {
    return session(account, account.requiredExternalId());
  }

  /** The session reading {@code account}, presenting {@code externalId} (if any). */
  AwsSession session(AwsAccount account, Optional<String> externalId) {
    return session(account, externalId, "all");
  }

  /** The session reading {@code account} in {@code regions} ({@code all} or a YAML list). */
  AwsSession session(AwsAccount account, Optional<String> externalId, String regions) {
    String name = "aws_" + account.accountId();
    StringBuilder yaml = new StringBuilder();
    yaml.append("cloud_sessions:\n")
        .append("  - name: ")
        .append(name)
        .append("\n    session_type: aws\n    region: us-east-1\n")
        .append("    access_key_id: ENV/" + KEY_ID_VARIABLE + "\n")
        .append("    secret_access_key: ENV/" + SECRET_VARIABLE + "\n")
        .append("    role_arn: ")
        .append(account.roleArn())
        .append("\n    session_name: cloudledger-test\n");
    if (externalId.isPresent()) {
      String secretName = "external_id_" + account.accountId();
      synchronized (externalIds) {
        externalIds.put(secretName, externalId.get());
      }
      yaml.append("    external_id: SEC/").append(secretName).append('\n');
    }
    yaml.append("    regions: ")
        .append(regions)
        .append('\n')
        .append("    endpoint_url: ")
        .append(sandbox.endpoints().aws())
        .append('\n');
    CloudledgerConfig config =
        ConfigLoader.parse(yaml.toString(), Path.of("test-cloudledger.yaml"));
    return (AwsSession) config.sessions(SessionType.AWS).getFirst();
  }

  ConfigResolver resolver() {
    Map<String, String> environment =
        Map.of(
            KEY_ID_VARIABLE,
            sandbox.managementKeys().accessKeyId(),
            SECRET_VARIABLE,
            sandbox.managementKeys().secretAccessKey());
    return new ConfigResolver(
        environment,
        name -> {
          synchronized (externalIds) {
            return Optional.ofNullable(externalIds.get(name)).map(SecretValue::of);
          }
        });
  }

  AwsInventorySource source(AwsAccount account, AwsSourceSettings settings) {
    return AwsInventorySource.create(session(account), resolver(), settings);
  }
}
