package io.cloudledger.cli;

import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.sandbox.AzurePrincipal;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.GcpProject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
  static final String AZURE_SECRET_VARIABLE = "CLOUDLEDGER_SANDBOX_AZURE_CLIENT_SECRET";

  /** Azure subscriptions of the estates the CLI starts (demo, sync --sandbox, sandbox). */
  static final int AZURE_SUBSCRIPTIONS = 2;

  static final String GCP_KEY_VARIABLE = "CLOUDLEDGER_SANDBOX_GCP_KEY";

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
      appendAzureSession(sandbox, yaml, environment);
      appendGcpSession(sandbox, yaml, environment);
      yaml.append("inventory:\n  store: dynamodb\n  endpoint: embedded\n");
      CloudledgerConfig config = ConfigLoader.parse(yaml.toString(), Path.of("(sandbox estate)"));
      return new SandboxEstate(sandbox, config, Map.copyOf(environment));
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  /**
   * One Azure session for the sandbox's service principal, which lists every subscription it can
   * see; the sandbox is the ARM endpoint and (over https, as the SDK demands) the authority.
   */
  private static void appendAzureSession(
      Sandbox sandbox, StringBuilder yaml, Map<String, String> environment) {
    if (sandbox.estate().azure().subscriptions().isEmpty()) {
      return;
    }
    AzurePrincipal principal = sandbox.azurePrincipal();
    environment.put(AZURE_SECRET_VARIABLE, principal.clientSecret());
    String base = sandbox.endpoints().base().toString();
    yaml.append("  - name: sandbox_azure\n")
        .append("    session_type: azure\n")
        .append("    tenant_id: ")
        .append(principal.tenantId())
        .append('\n')
        .append("    client_id: ")
        .append(principal.clientId())
        .append('\n')
        .append("    client_secret: ENV/")
        .append(AZURE_SECRET_VARIABLE)
        .append('\n')
        .append("    endpoint_url: ")
        .append(base)
        .append('\n')
        .append("    authority_host: ")
        .append(base.replaceFirst("^http:", "https:"))
        .append('\n');
  }

  /** One GCP session for every sandbox project, with the sandbox's service-account key. */
  private static void appendGcpSession(
      Sandbox sandbox, StringBuilder yaml, Map<String, String> environment) {
    List<GcpProject> projects = sandbox.estate().gcp().projects();
    if (projects.isEmpty()) {
      return;
    }
    environment.put(GCP_KEY_VARIABLE, sandbox.gcpServiceAccountKey());
    yaml.append("  - name: sandbox_gcp\n")
        .append("    session_type: gcp\n")
        .append("    credentials: ENV/")
        .append(GCP_KEY_VARIABLE)
        .append('\n')
        .append("    project_ids: [")
        .append(String.join(", ", projects.stream().map(GcpProject::projectId).toList()))
        .append("]\n")
        .append("    endpoint_url: ")
        .append(sandbox.gcpEndpoint())
        .append('\n');
    // The billing account's export, in the first project: one query covers all projects.
    sandbox
        .estate()
        .gcp()
        .billingExportTable()
        .ifPresent(table -> yaml.append("    billing_export_table: ").append(table).append('\n'));
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
        "%d AWS accounts + %d Azure subscriptions + %d GCP projects x %d resources, seed %d",
        options.accounts(),
        options.azure().subscriptions(),
        options.gcpProjects(),
        options.resourcesPerAccount(),
        options.seed());
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
