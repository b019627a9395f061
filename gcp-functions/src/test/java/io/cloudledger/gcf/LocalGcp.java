package io.cloudledger.gcf;

import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import io.cloudledger.aws.dynamodb.DynamoDbTables;
import io.cloudledger.gcp.queue.PubSubFake;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpProject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A sandbox with GCP projects and the in-process Pub/Sub (sync topic, the worker's subscription
 * with a dead-letter topic after 5 attempts), next to the shared DynamoDB Local
 * ({@code @ExtendWith(DynamoDbLocal.class)} on the test class). The configuration reads every
 * sandbox project with the service-account key from the environment map, as a deployment would.
 */
final class LocalGcp implements AutoCloseable {
  static final String KEY_VARIABLE = "SANDBOX_GCP_SA_KEY";
  static final String TOPIC = "projects/cloudledger-test/topics/sync";
  static final String SUBSCRIPTION = "projects/cloudledger-test/subscriptions/sync-worker";
  static final String DEAD_LETTER = "projects/cloudledger-test/topics/sync-dead-letter";
  static final int MAX_DELIVERY_ATTEMPTS = 5;

  final Sandbox sandbox;
  final PubSubFake pubsub;
  private final List<Components> built = new ArrayList<>();

  private LocalGcp(Sandbox sandbox, PubSubFake pubsub) {
    this.sandbox = sandbox;
    this.pubsub = pubsub;
    pubsub.createTopic(TOPIC);
    pubsub.createSubscription(
        SUBSCRIPTION,
        TOPIC,
        Duration.ofSeconds(60),
        Optional.of(new PubSubFake.DeadLetter(DEAD_LETTER, MAX_DELIVERY_ATTEMPTS)));
  }

  static LocalGcp start(int projects, int resourcesPerProject) {
    Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(projects)
                .withResourcesPerAccount(resourcesPerProject));
    return new LocalGcp(sandbox, PubSubFake.start());
  }

  List<GcpProject> projects() {
    return sandbox.estate().gcp().projects();
  }

  /**
   * One GCP session reading every sandbox project, its key from the environment, and the estate's
   * one Cloud Billing export (billed to all the projects) for kind cost.
   */
  String configYaml() {
    return "cloud_sessions:\n"
        + "  - name: gcp_sandbox\n    session_type: gcp\n"
        + "    credentials: ENV/"
        + KEY_VARIABLE
        + "\n    project_ids: ["
        + String.join(", ", projects().stream().map(GcpProject::projectId).toList())
        + "]\n    endpoint_url: "
        + sandbox.gcpEndpoint()
        + sandbox
            .estate()
            .gcp()
            .billingExportTable()
            .map(table -> "\n    billing_export_table: " + table)
            .orElse("")
        + '\n';
  }

  /** The functions' environment, as a deployment would set it, pointing at the local services. */
  Map<String, String> environment(String tablePrefix) {
    Map<String, String> env = new HashMap<>();
    env.put(GcfSettings.CONFIG, configYaml());
    env.put(GcfSettings.TABLE_PREFIX, tablePrefix);
    env.put(GcfSettings.TOPIC, TOPIC);
    env.put(GcfSettings.PUBSUB_ENDPOINT, pubsub.endpoint());
    env.put(GcfSettings.WORKER_TIMEOUT_SECONDS, "60");
    env.put(KEY_VARIABLE, sandbox.gcpServiceAccountKey());
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
    GcfSettings settings = GcfSettings.from(env);
    Components components =
        new Components(
            settings,
            env,
            DynamoDbLocal.client(dynamoDbInterceptors),
            Components.dispatcher(settings),
            Clock.systemUTC());
    built.add(components);
    return components;
  }

  @Override
  public void close() throws Exception {
    for (Components components : built) {
      components.close();
    }
    pubsub.close();
    sandbox.close();
  }
}
