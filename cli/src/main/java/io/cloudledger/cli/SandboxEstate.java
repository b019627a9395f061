package io.cloudledger.cli;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A running sandbox plus the configuration that reads it exactly as a user's configuration reads
 * real accounts: one AWS session per account, assuming its {@code cloudledger-reader} role (with
 * its ExternalId where the account demands one) from the sandbox's management keys. Credentials
 * travel as {@code ENV/} references in an environment of their own, never as literals in the file.
 */
final class SandboxEstate implements AutoCloseable {
  static final String ACCESS_KEY_VARIABLE = "CLOUDLEDGER_SANDBOX_ACCESS_KEY_ID";
  static final String SECRET_KEY_VARIABLE = "CLOUDLEDGER_SANDBOX_SECRET_ACCESS_KEY";
  static final String EXTERNAL_ID_VARIABLE_PREFIX = "CLOUDLEDGER_SANDBOX_EXTERNAL_ID_";

  private final Sandbox sandbox;
  private final CloudledgerConfig config;
  private final Map<String, String> environment;

  private SandboxEstate(
      Sandbox sandbox, CloudledgerConfig config, Map<String, String> environment) {
    this.sandbox = sandbox;
    this.config = config;
    this.environment = environment;
  }

  static SandboxEstate start(SandboxOptions options, Map<String, String> baseEnvironment) {
    Sandbox sandbox = Sandbox.start(options);
    try {
      Map<String, String> environment = new HashMap<>(baseEnvironment);
      environment.put(ACCESS_KEY_VARIABLE, sandbox.managementKeys().accessKeyId());
      environment.put(SECRET_KEY_VARIABLE, sandbox.managementKeys().secretAccessKey());
      StringBuilder yaml = new StringBuilder("cloud_sessions:\n");
      for (AwsAccount account : sandbox.estate().accounts()) {
        yaml.append("  - name: sandbox_")
            .append(account.accountId())
            .append('\n')
            .append("    session_type: aws\n")
            .append("    region: us-east-1\n")
            .append("    access_key_id: ENV/")
            .append(ACCESS_KEY_VARIABLE)
            .append('\n')
            .append("    secret_access_key: ENV/")
            .append(SECRET_KEY_VARIABLE)
            .append('\n')
            .append("    role_arn: ")
            .append(account.roleArn())
            .append('\n')
            .append("    endpoint_url: ")
            .append(sandbox.endpoints().aws())
            .append('\n');
        if (account.accountId().equals(sandbox.estate().managementAccount().accountId())) {
          // The organization's payer: its Cost Explorer query covers every linked account.
          yaml.append("    cost_explorer: true\n");
        }
        if (account.requiredExternalId().isPresent()) {
          String variable = EXTERNAL_ID_VARIABLE_PREFIX + account.accountId();
          environment.put(variable, account.requiredExternalId().get());
          yaml.append("    external_id: ENV/").append(variable).append('\n');
        }
      }
      yaml.append("inventory:\n  store: dynamodb\n  endpoint: embedded\n");
      CloudledgerConfig config = ConfigLoader.parse(yaml.toString(), Path.of("(sandbox estate)"));
      return new SandboxEstate(sandbox, config, Map.copyOf(environment));
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  Sandbox sandbox() {
    return sandbox;
  }

  CloudledgerConfig config() {
    return config;
  }

  /** The process environment plus the sandbox's credentials, for resolving the config. */
  Map<String, String> environment() {
    return environment;
  }

  static String describe(SandboxOptions options) {
    return String.format(
        Locale.ROOT,
        "%d AWS accounts x %d resources, seed %d",
        options.accounts(),
        options.resourcesPerAccount(),
        options.seed());
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
