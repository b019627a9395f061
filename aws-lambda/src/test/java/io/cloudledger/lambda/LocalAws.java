package io.cloudledger.lambda;

import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.aws.sqs.ElasticMq;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.AwsAccount;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A sandbox estate and an in-process SQS (ElasticMQ) for the handlers, next to the shared DynamoDB
 * Local ({@code @ExtendWith(DynamoDbLocal.class)} on the test class). The configuration reads every
 * sandbox account with the management keys from the environment map, as a deployment would.
 */
final class LocalAws implements AutoCloseable {
  static final String KEY_VARIABLE = "SANDBOX_ACCESS_KEY_ID";
  static final String SECRET_VARIABLE = "SANDBOX_SECRET_ACCESS_KEY";
  static final String EXTERNAL_ID_PREFIX = "SANDBOX_EXTERNAL_ID_";

  final Sandbox sandbox;
  final ElasticMq elasticMq;
  final SqsClient sqs;
  private final List<Components> built = new java.util.ArrayList<>();

  private LocalAws(Sandbox sandbox, ElasticMq elasticMq) {
    this.sandbox = sandbox;
    this.elasticMq = elasticMq;
    this.sqs = elasticMq.client();
  }

  static LocalAws start(int accounts, int resourcesPerAccount) {
    Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(accounts)
                .withResourcesPerAccount(resourcesPerAccount));
    return new LocalAws(sandbox, ElasticMq.start());
  }

  List<AwsAccount> accounts() {
    return sandbox.estate().accounts();
  }

  String accountId(int index) {
    return accounts().get(index).accountId();
  }

  /**
   * The configuration as inline YAML: one session per sandbox account, listing only the regions
   * where the account has resources (region discovery is the connector's own tests' business; here
   * it would multiply the calls of 200 accounts by four).
   */
  String configYaml() {
    StringBuilder yaml = new StringBuilder("cloud_sessions:\n");
    for (AwsAccount account : accounts()) {
      yaml.append("  - name: sandbox_")
          .append(account.accountId())
          .append("\n    session_type: aws\n    region: us-east-1\n")
          .append("    access_key_id: ENV/" + KEY_VARIABLE + "\n")
          .append("    secret_access_key: ENV/" + SECRET_VARIABLE + "\n")
          .append("    role_arn: ")
          .append(account.roleArn())
          .append("\n    regions: [")
          .append(String.join(", ", regionsOf(account)))
          .append("]\n    endpoint_url: ")
          .append(sandbox.endpoints().aws())
          .append('\n');
      if (account.index() == sandbox.estate().managementAccount().index()) {
        yaml.append("    cost_explorer: true\n"); // the payer: one query for every account
      }
      if (account.requiredExternalId().isPresent()) {
        yaml.append("    external_id: ENV/" + EXTERNAL_ID_PREFIX)
            .append(account.accountId())
            .append('\n');
      }
    }
    return yaml.toString();
  }

  private static java.util.SortedSet<String> regionsOf(AwsAccount account) {
    java.util.SortedSet<String> regions = new java.util.TreeSet<>();
    regions.add("us-east-1");
    account.instances().forEach(i -> regions.add(i.region()));
    account.vpcs().forEach(v -> regions.add(v.region()));
    account.subnets().forEach(s -> regions.add(s.region()));
    account.buckets().forEach(b -> regions.add(b.region()));
    return regions;
  }

  /** The function's environment, as the infra would set it, pointing at the local services. */
  Map<String, String> environment(String tablePrefix, String queueUrl) {
    Map<String, String> env = new HashMap<>();
    env.put(LambdaSettings.CONFIG, configYaml());
    env.put(LambdaSettings.TABLE_PREFIX, tablePrefix);
    env.put(LambdaSettings.QUEUE_URL, queueUrl);
    env.put(LambdaSettings.SQS_ENDPOINT, elasticMq.endpoint().toString());
    env.put(LambdaSettings.WORKER_TIMEOUT_SECONDS, "60");
    env.put(KEY_VARIABLE, sandbox.managementKeys().accessKeyId());
    env.put(SECRET_VARIABLE, sandbox.managementKeys().secretAccessKey());
    for (AwsAccount account : accounts()) {
      account
          .requiredExternalId()
          .ifPresent(id -> env.put(EXTERNAL_ID_PREFIX + account.accountId(), id));
    }
    return env;
  }

  /** Fresh tables under a new prefix on the shared DynamoDB Local. */
  static String freshTables(DynamoDbClient client) {
    String prefix = DynamoDbLocal.freshPrefix();
    DynamoDbTables.ensureExists(client, prefix);
    return prefix;
  }

  /** The functions' wiring on the local services; closed with this. */
  Components components(Map<String, String> env, ExecutionInterceptor... dynamoDbInterceptors) {
    Components components =
        new Components(
            LambdaSettings.from(env),
            env,
            DynamoDbLocal.client(dynamoDbInterceptors),
            elasticMq.client(),
            Clock.systemUTC());
    built.add(components);
    return components;
  }

  @Override
  public void close() {
    built.forEach(Components::close);
    sqs.close();
    elasticMq.close();
    sandbox.close();
  }
}
