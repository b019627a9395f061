package io.cloudledger.sandbox;

import io.cloudledger.sandbox.aws.AwsRoute;
import io.cloudledger.sandbox.azure.AzureDirectory;
import io.cloudledger.sandbox.azure.AzureRoute;
import io.cloudledger.sandbox.azure.GraphRoute;
import io.cloudledger.sandbox.azure.KeyVaultRoute;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.EstateChange;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.gcp.GcpRoute;
import io.cloudledger.sandbox.gcp.GcpServiceAccount;
import io.cloudledger.sandbox.http.SandboxHttpServer;
import io.cloudledger.sandbox.vault.VaultRoute;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running protocol-faithful local cloud: real SDK clients pointed at {@link #endpoints()} with
 * {@link #managementKeys()} list the generated {@link #estate()}. Start once per test suite; close
 * when done.
 */
public final class Sandbox implements AutoCloseable {
  /** The management account's static credentials (a published sandbox value, not a secret). */
  public static final AwsKeys MANAGEMENT_KEYS =
      new AwsKeys("AKIASANDBOX00000ROOT", "sandbox/secret/access/key/not/a/secret00");

  private final SandboxOptions options;
  private final Estate estate;
  private final FaultInjector faults;
  private final CallCounters counters;
  private final SandboxHttpServer server;
  private final SandboxEndpoints endpoints;
  private final AzurePrincipal azurePrincipal;
  private final GcpServiceAccount gcpAccount;
  private final AzureDirectory azureDirectory;

  private Sandbox(SandboxOptions options) {
    this.options = options;
    this.estate = Estate.generate(options.estateSpec(), options.azure().subscriptions());
    this.faults = new FaultInjector(options.seed(), options.faults());
    this.counters = new CallCounters();
    AwsRoute aws =
        new AwsRoute(estate, MANAGEMENT_KEYS.accessKeyId(), counters, faults, Clock.systemUTC());
    AdminRoute admin =
        new AdminRoute(estate, faults, counters, this::advance, this::cloudledgerYaml);
    this.azurePrincipal =
        new AzurePrincipal(
            estate.azure().tenantId(), AzurePrincipal.CLIENT_ID, AzurePrincipal.CLIENT_SECRET);
    AzureRoute azure =
        new AzureRoute(estate.azure(), azurePrincipal, options.azure(), counters, faults);
    this.gcpAccount = GcpServiceAccount.create(gcpHomeProject(estate));
    GcpRoute gcp = new GcpRoute(estate, gcpAccount, counters, faults);
    VaultRoute vault = new VaultRoute(Clock.systemUTC());
    this.azureDirectory = azure.directory();
    KeyVaultRoute keyVault =
        new KeyVaultRoute(azureDirectory, azurePrincipal, counters, Clock.systemUTC());
    GraphRoute graph = new GraphRoute(azureDirectory, counters);
    this.server =
        SandboxHttpServer.start(
            options.port(), List.of(admin, aws, azure, gcp, vault, keyVault, graph));
    this.endpoints = SandboxEndpoints.of(server.baseUri());
  }

  private static String gcpHomeProject(Estate estate) {
    return estate.gcp().projects().stream()
        .findFirst()
        .map(p -> p.projectId())
        .orElse("cl-sandbox");
  }

  /**
   * A service-account key file (JSON) that may read every GCP project of the estate; its {@code
   * token_uri} is this sandbox's {@code /token}. Generated at start, valid only for this sandbox.
   */
  public String gcpServiceAccountKey() {
    return gcpAccount.keyJson(
        gcpHomeProject(estate), endpoints.base().resolve(GcpRoute.TOKEN_PATH));
  }

  /**
   * The root URL for Compute clients ({@code setEndpoint}); paths start with {@code /compute/v1/}.
   */
  public URI gcpEndpoint() {
    return endpoints.base();
  }

  /** Generates the estate and starts serving on 127.0.0.1. */
  public static Sandbox start(SandboxOptions options) {
    return new Sandbox(options);
  }

  public SandboxOptions options() {
    return options;
  }

  public SandboxEndpoints endpoints() {
    return endpoints;
  }

  public AwsKeys managementKeys() {
    return MANAGEMENT_KEYS;
  }

  /** The service principal the Azure token endpoint accepts (client-credentials flow). */
  public AzurePrincipal azurePrincipal() {
    return azurePrincipal;
  }

  /**
   * The Entra ID directory behind the token endpoint and Graph: app registrations and their
   * passwords (register an app to rotate its secret).
   */
  public AzureDirectory azureDirectory() {
    return azureDirectory;
  }

  public Estate estate() {
    return estate;
  }

  /** The live fault plan: {@code faults().replace(FaultPlan.parse("..."))}. */
  public FaultInjector faults() {
    return faults;
  }

  public CallCounters counters() {
    return counters;
  }

  /**
   * Creates, deletes and modifies {@code fraction} of the resources; see {@link Estate#advance}.
   */
  public EstateChange advance(double fraction) {
    return estate.advance(fraction);
  }

  /** A ready-to-use {@code cloudledger.yaml} with one session per account of the estate. */
  public String cloudledgerYaml() {
    return CloudledgerYaml.render(estate, endpoints, MANAGEMENT_KEYS);
  }

  /**
   * A human-readable description for a console: endpoints, management credentials and the accounts
   * (role ARN, ExternalId when required, resource counts).
   */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("cloudledger sandbox on ").append(endpoints.base()).append('\n');
    out.append("  AWS (STS, EC2, S3): ").append(endpoints.aws()).append('\n');
    out.append("  admin:              ").append(endpoints.admin()).append('\n');
    if (!estate.azure().subscriptions().isEmpty()) {
      out.append("  Azure (ARM, AD):    ")
          .append(endpoints.base())
          .append("  tenant=")
          .append(azurePrincipal.tenantId())
          .append(" client=")
          .append(azurePrincipal.clientId())
          .append(" secret=")
          .append(azurePrincipal.clientSecret())
          .append('\n');
    }
    out.append("  management keys:    AWS_ACCESS_KEY_ID=")
        .append(MANAGEMENT_KEYS.accessKeyId())
        .append(" AWS_SECRET_ACCESS_KEY=")
        .append(MANAGEMENT_KEYS.secretAccessKey())
        .append('\n');
    if (!faults.plan().rules().isEmpty()) {
      out.append("  faults:             ").append(faults.plan().toSpec()).append('\n');
    }
    if (!estate.gcp().projects().isEmpty()) {
      out.append("  GCP (Compute, token): ")
          .append(gcpEndpoint())
          .append("  service account ")
          .append(gcpAccount.email())
          .append('\n');
    }
    for (var project : estate.gcp().projects()) {
      out.append("  project ")
          .append(project.projectId())
          .append("  instances=")
          .append(project.instances().size())
          .append(" networks=")
          .append(project.networks().size())
          .append(" subnetworks=")
          .append(project.subnetworks().size())
          .append('\n');
    }
    for (var account : estate.accounts()) {
      out.append("  account ")
          .append(account.accountId())
          .append("  ")
          .append(account.roleArn())
          .append(account.requiredExternalId().map(id -> "  ExternalId=" + id).orElse(""))
          .append("  instances=")
          .append(account.instances().size())
          .append(" vpcs=")
          .append(account.vpcs().size())
          .append(" subnets=")
          .append(account.subnets().size())
          .append(" buckets=")
          .append(account.buckets().size())
          .append('\n');
    }
    for (var subscription : estate.azure().subscriptions()) {
      out.append("  azure subscription ")
          .append(subscription.subscriptionId())
          .append("  tenant=")
          .append(subscription.tenantId())
          .append("  vms=")
          .append(subscription.vms().size())
          .append(" storageAccounts=")
          .append(subscription.storageAccounts().size())
          .append(" virtualNetworks=")
          .append(subscription.virtualNetworks().size())
          .append(" subnets=")
          .append(subscription.subnetCount())
          .append('\n');
    }
    return out.toString();
  }

  /**
   * Environment variables that make AWS SDKs and CLIs use the sandbox: management keys, default
   * region and {@code AWS_ENDPOINT_URL}.
   */
  public Map<String, String> awsEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", MANAGEMENT_KEYS.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", MANAGEMENT_KEYS.secretAccessKey());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL", endpoints.aws().toString());
    return env;
  }

  @Override
  public void close() {
    server.close();
  }
}
