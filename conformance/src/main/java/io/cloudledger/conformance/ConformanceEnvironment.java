package io.cloudledger.conformance;

import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SecretLookup;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.sandbox.AzurePrincipal;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.GcpProject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every runtime runs against, started once per suite: a sandbox estate of the three clouds
 * (fixed seed), the {@code cloudledger.yaml} that reads all of it with its credentials as {@code
 * ENV/} variables, DynamoDB Local behind a write-counting proxy, and the reference store state of
 * the estate. Needs {@code @ExtendWith(DynamoDbLocal.class)} (the suite has it).
 */
public final class ConformanceEnvironment implements AutoCloseable {
  /** The estate: same seed, same accounts, same resources in every runtime's run. */
  public static final long SEED = 42;

  public static final int AWS_ACCOUNTS = 3;
  public static final int AZURE_SUBSCRIPTIONS = 2;
  public static final int GCP_PROJECTS = 2;
  public static final int RESOURCES_PER_ACCOUNT = 12;

  /** The schedule tick of the main scenario (and of the reference sync). */
  public static final Instant TICK = Instant.parse("2026-11-23T17:00:00Z");

  public static final String AWS_ACCESS_KEY_VARIABLE = "CLOUDLEDGER_SANDBOX_ACCESS_KEY_ID";
  public static final String AWS_SECRET_KEY_VARIABLE = "CLOUDLEDGER_SANDBOX_SECRET_ACCESS_KEY";
  public static final String EXTERNAL_ID_VARIABLE_PREFIX = "CLOUDLEDGER_SANDBOX_EXTERNAL_ID_";
  public static final String AZURE_SECRET_VARIABLE = "CLOUDLEDGER_SANDBOX_AZURE_CLIENT_SECRET";
  public static final String GCP_KEY_VARIABLE = "CLOUDLEDGER_SANDBOX_GCP_KEY";

  private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();

  private final Sandbox sandbox;
  private final String configYaml;
  private final Map<String, String> variables;
  private final DynamoDbWriteProxy proxy;
  private final DynamoDbClient dynamoDb;
  private final ExpectedEstate expected;
  private final Map<Set<Provider>, StoreState> references = new ConcurrentHashMap<>();

  private ConformanceEnvironment(
      Sandbox sandbox,
      String configYaml,
      Map<String, String> variables,
      DynamoDbWriteProxy proxy,
      DynamoDbClient dynamoDb) {
    this.sandbox = sandbox;
    this.configYaml = configYaml;
    this.variables = Map.copyOf(variables);
    this.proxy = proxy;
    this.dynamoDb = dynamoDb;
    this.expected = ExpectedEstate.of(sandbox.estate());
  }

  /** Starts the sandbox and the proxy; DynamoDB Local must already run ({@link DynamoDbLocal}). */
  public static ConformanceEnvironment start() {
    Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withSeed(SEED)
                .withAccounts(AWS_ACCOUNTS)
                .withAzureSubscriptions(AZURE_SUBSCRIPTIONS)
                .withGcpProjects(GCP_PROJECTS)
                .withResourcesPerAccount(RESOURCES_PER_ACCOUNT));
    DynamoDbClient dynamoDb = DynamoDbLocal.client();
    URI local =
        dynamoDb
            .serviceClientConfiguration()
            .endpointOverride()
            .orElseThrow(() -> new IllegalStateException("DynamoDB Local has no endpoint"));
    Map<String, String> variables = new HashMap<>();
    String yaml = configYaml(sandbox, variables);
    return new ConformanceEnvironment(
        sandbox, yaml, variables, DynamoDbWriteProxy.start(local), dynamoDb);
  }

  /**
   * One AWS session per account (its role, with the ExternalId where the account demands one,
   * listing only the regions that hold its resources: region discovery is the connector's own
   * tests' business), one Azure session over every subscription, one GCP session over every
   * project. Credentials go into {@code variables} and the YAML names them as {@code ENV/}.
   */
  private static String configYaml(Sandbox sandbox, Map<String, String> variables) {
    variables.put(AWS_ACCESS_KEY_VARIABLE, sandbox.managementKeys().accessKeyId());
    variables.put(AWS_SECRET_KEY_VARIABLE, sandbox.managementKeys().secretAccessKey());
    StringBuilder yaml = new StringBuilder("cloud_sessions:\n");
    for (AwsAccount account : sandbox.estate().accounts()) {
      yaml.append("  - name: sandbox_")
          .append(account.accountId())
          .append("\n    session_type: aws\n    region: us-east-1\n")
          .append("    access_key_id: ENV/" + AWS_ACCESS_KEY_VARIABLE + "\n")
          .append("    secret_access_key: ENV/" + AWS_SECRET_KEY_VARIABLE + "\n")
          .append("    role_arn: ")
          .append(account.roleArn())
          .append("\n    regions: [")
          .append(String.join(", ", regionsOf(account)))
          .append("]\n    endpoint_url: ")
          .append(sandbox.endpoints().aws())
          .append('\n');
      if (account.requiredExternalId().isPresent()) {
        String variable = EXTERNAL_ID_VARIABLE_PREFIX + account.accountId();
        variables.put(variable, account.requiredExternalId().get());
        yaml.append("    external_id: ENV/").append(variable).append('\n');
      }
    }
    AzurePrincipal principal = sandbox.azurePrincipal();
    variables.put(AZURE_SECRET_VARIABLE, principal.clientSecret());
    String base = sandbox.endpoints().base().toString();
    yaml.append("  - name: sandbox_azure\n    session_type: azure\n")
        .append("    tenant_id: ")
        .append(principal.tenantId())
        .append("\n    client_id: ")
        .append(principal.clientId())
        .append("\n    client_secret: ENV/" + AZURE_SECRET_VARIABLE + "\n")
        .append("    subscription_ids: [")
        .append(
            String.join(
                ", ",
                sandbox.estate().azure().subscriptions().stream()
                    .map(s -> s.subscriptionId())
                    .toList()))
        .append("]\n    endpoint_url: ")
        .append(base)
        .append("\n    authority_host: ")
        .append(base.replaceFirst("^http:", "https:"))
        .append('\n');
    variables.put(GCP_KEY_VARIABLE, sandbox.gcpServiceAccountKey());
    yaml.append("  - name: sandbox_gcp\n    session_type: gcp\n")
        .append("    credentials: ENV/" + GCP_KEY_VARIABLE + "\n")
        .append("    project_ids: [")
        .append(
            String.join(
                ", ",
                sandbox.estate().gcp().projects().stream().map(GcpProject::projectId).toList()))
        .append("]\n    endpoint_url: ")
        .append(sandbox.gcpEndpoint())
        .append('\n');
    return yaml.toString();
  }

  private static SortedSet<String> regionsOf(AwsAccount account) {
    SortedSet<String> regions = new TreeSet<>();
    regions.add("us-east-1");
    account.instances().forEach(i -> regions.add(i.region()));
    account.vpcs().forEach(v -> regions.add(v.region()));
    account.subnets().forEach(s -> regions.add(s.region()));
    account.buckets().forEach(b -> regions.add(b.region()));
    return regions;
  }

  /** The running sandbox (its endpoints, estate, counters). */
  public Sandbox sandbox() {
    return sandbox;
  }

  /**
   * The configuration, as {@code cloudledger.yaml} text: AWS, Azure and GCP sessions, each
   * credential an {@code ENV/} reference to one of {@link #variables()}.
   */
  public String configYaml() {
    return configYaml;
  }

  /** The environment variables the configuration's {@code ENV/} references name. */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * The DynamoDB endpoint to give the runtime under test: DynamoDB Local behind {@link #writes()}.
   * Any credentials and region are accepted.
   */
  public URI dynamoDbEndpoint() {
    return proxy.endpoint();
  }

  /** Counts the runtime's writes per table. */
  public DynamoDbWriteProxy writes() {
    return proxy;
  }

  /** A client straight to DynamoDB Local (not counted), for the suite's own reads. */
  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  /** What a complete sync of the estate must store. */
  public ExpectedEstate expected() {
    return expected;
  }

  /** A line naming the estate, written next to each hash so that only like hashes are compared. */
  public String fingerprint() {
    return "seed=%d aws=%d azure=%d gcp=%d resources=%d"
        .formatted(SEED, AWS_ACCOUNTS, AZURE_SUBSCRIPTIONS, GCP_PROJECTS, RESOURCES_PER_ACCOUNT);
  }

  /** Fresh, empty tables (every table of {@code CloudledgerTables.all()}) for one scenario. */
  public ConformanceDeployment newDeployment(String scenario) {
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(dynamoDb, prefix);
    String name = ("cf" + DEPLOYMENTS.incrementAndGet() + "-" + scenario).toLowerCase();
    name = name.replaceAll("[^a-z0-9-]", "-");
    return new ConformanceDeployment(
        name.length() > 40 ? name.substring(0, 40) : name, prefix, this);
  }

  /** The store of {@code deployment} for {@code accounts}, read straight from DynamoDB Local. */
  public StoreState storeState(ConformanceDeployment deployment, Collection<AccountKey> accounts) {
    return StoreState.read(
        DynamoDbInventoryStore.create(dynamoDb, deployment.tablePrefix()), accounts);
  }

  /**
   * The state the estate must produce for {@code providers}' accounts, synced through the core and
   * the connectors with an in-memory queue and store (computed once per set of providers).
   */
  public StoreState reference(Set<Provider> providers) {
    Set<Provider> key = EnumSet.copyOf(providers);
    return references.computeIfAbsent(
        key,
        selected -> {
          CloudledgerConfig config = ConfigLoader.parse(configYaml, Path.of("(conformance)"));
          return ReferenceSync.run(
              config, new ConfigResolver(variables, SecretLookup.none()), selected, TICK);
        });
  }

  @Override
  public void close() {
    proxy.close();
    dynamoDb.close();
    sandbox.close();
  }
}
