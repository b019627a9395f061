package io.cloudledger.azurefn;

import com.azure.storage.queue.QueueClient;
import io.cloudledger.aws.dynamodb.DynamoDbInventoryStore;
import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.azure.queue.Azurite;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.sandbox.AzureSandboxOptions;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AzureSubscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A sandbox Azure estate for the functions, next to the shared DynamoDB Local and Azurite
 * ({@code @ExtendWith({DynamoDbLocal.class, Azurite.class})} on the test class). The functions get
 * their app settings as a deployment would: the sandbox's {@code cloudledger.yaml} inline, the
 * client secret as an app setting, Azurite as {@code AzureWebJobsStorage}, DynamoDB Local's
 * endpoint.
 */
public final class LocalAzure implements AutoCloseable {
  public final Sandbox sandbox;
  private final List<Components> built = new ArrayList<>();

  private LocalAzure(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  public static LocalAzure start(int subscriptions, int resourcesPerSubscription) {
    return new LocalAzure(
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(resourcesPerSubscription)
                .withAzure(AzureSandboxOptions.none().withSubscriptions(subscriptions))));
  }

  public List<AzureSubscription> subscriptions() {
    return sandbox.estate().azure().subscriptions();
  }

  public static AccountKey key(AzureSubscription subscription) {
    return AccountKey.of(Provider.AZURE, subscription.subscriptionId());
  }

  /** The app settings of a deployment on the local services, with its own tables and queue. */
  public Map<String, String> environment(String tablePrefix, String queueName) {
    DynamoDbClient probe = DynamoDbLocal.client();
    String endpoint =
        probe.serviceClientConfiguration().endpointOverride().orElseThrow().toString();
    probe.close();
    Map<String, String> env = new HashMap<>();
    env.put(FunctionSettings.CONFIG, sandbox.cloudledgerYaml());
    env.put(FunctionSettings.STORAGE, Azurite.connectionString());
    env.put(FunctionSettings.QUEUE_NAME, queueName);
    env.put(FunctionSettings.TABLE_PREFIX, tablePrefix);
    env.put(FunctionSettings.DYNAMODB_ENDPOINT, endpoint);
    env.put(FunctionSettings.WORKER_TIMEOUT_SECONDS, "60");
    env.put(FunctionSettings.SCHEDULE, "0 */10 * * * *");
    env.put(FunctionSettings.COST_SCHEDULE, "0 0 6 * * *");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AZURE_CLIENT_SECRET", sandbox.azurePrincipal().clientSecret());
    return env;
  }

  /** Fresh tables and a fresh queue: the settings of a new deployment. */
  public Map<String, String> freshDeployment() {
    String prefix = DynamoDbLocal.freshPrefix();
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      DynamoDbTables.ensureExists(client, prefix);
    }
    String queue = Azurite.freshQueueName("sync");
    Azurite.createQueue(queue);
    return environment(prefix, queue);
  }

  /** The functions' wiring from those settings; closed with this. */
  Components components(Map<String, String> env, ExecutionInterceptor... interceptors) {
    Components components = Components.fromEnvironment(env, List.of(interceptors));
    built.add(components);
    return components;
  }

  public static QueueClient queue(Map<String, String> env) {
    return Azurite.createQueue(env.get(FunctionSettings.QUEUE_NAME));
  }

  public static QueueClient poisonQueue(Map<String, String> env) {
    return Azurite.createQueue(env.get(FunctionSettings.QUEUE_NAME) + "-poison");
  }

  /** The estate's resource ids of {@code subscription}, lowercase. */
  public static Set<String> expectedIds(AzureSubscription subscription) {
    Set<String> ids = new TreeSet<>();
    subscription.vms().forEach(vm -> ids.add(vm.id()));
    subscription.storageAccounts().forEach(account -> ids.add(account.id()));
    subscription
        .virtualNetworks()
        .forEach(
            network -> {
              ids.add(network.id());
              network.subnets().forEach(subnet -> ids.add(network.subnetId(subnet)));
            });
    Set<String> lower = new TreeSet<>();
    ids.forEach(id -> lower.add(id.toLowerCase(Locale.ROOT)));
    return lower;
  }

  /** The live resource ids stored for {@code account}, lowercase. */
  public static Set<String> storedIds(Map<String, String> env, AccountKey account) {
    try (DynamoDbClient client = DynamoDbLocal.client()) {
      Set<String> ids = new TreeSet<>();
      DynamoDbInventoryStore.create(client, env.get(FunctionSettings.TABLE_PREFIX))
          .hashes(account)
          .keySet()
          .forEach(key -> ids.add(key.split("#", 3)[2].toLowerCase(Locale.ROOT)));
      return ids;
    }
  }

  @Override
  public void close() {
    built.forEach(Components::close);
    sandbox.close();
  }
}
