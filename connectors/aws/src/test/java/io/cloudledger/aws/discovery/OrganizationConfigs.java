package io.cloudledger.aws.discovery;

import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Map;

/** An organization session for a sandbox, as a user writes it: management keys from ENV/. */
public final class OrganizationConfigs {
  private OrganizationConfigs() {}

  /** A {@code cloudledger.yaml} with one organization session and {@code extra} YAML after it. */
  public static String yaml(Sandbox sandbox, String organizationBody, String extraSessions) {
    return "cloud_sessions:\n"
        + "  - name: org\n"
        + "    session_type: aws\n"
        + "    access_key_id: ENV/SANDBOX_ACCESS_KEY_ID\n"
        + "    secret_access_key: ENV/SANDBOX_SECRET_ACCESS_KEY\n"
        + "    regions: [us-east-1, eu-west-1]\n"
        + "    endpoint_url: "
        + sandbox.endpoints().aws()
        + "\n"
        + "    organization:\n"
        + "      member_role: cloudledger-reader\n"
        + organizationBody
        + extraSessions;
  }

  public static CloudledgerConfig config(String yaml) {
    return ConfigLoader.parse(yaml, Path.of("org-test.yaml"));
  }

  public static AwsSession session(Sandbox sandbox, String organizationBody) {
    return (AwsSession) config(yaml(sandbox, organizationBody, "")).sessions().getFirst();
  }

  public static ConfigResolver resolver(Sandbox sandbox, SecretLookup secrets) {
    return new ConfigResolver(
        Map.of(
            "SANDBOX_ACCESS_KEY_ID",
            sandbox.managementKeys().accessKeyId(),
            "SANDBOX_SECRET_ACCESS_KEY",
            sandbox.managementKeys().secretAccessKey()),
        secrets);
  }
}
