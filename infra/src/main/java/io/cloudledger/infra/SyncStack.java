package io.cloudledger.infra;

import io.cloudledger.aws.dynamodb.CloudledgerTables;
import io.cloudledger.aws.dynamodb.GlobalIndex;
import io.cloudledger.aws.dynamodb.TableDefinition;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * {@code CloudledgerSync}: the fan-out, worker and trigger functions, the queue between them with
 * its dead-letter queue, the schedules, the HTTP API and the alarms.
 */
public final class SyncStack extends Stack {

  /** The worker role's fixed name: the member roles trust exactly this role. */
  public static final String WORKER_ROLE_NAME = "cloudledger-sync-worker";

  /** Deliveries of one request before it goes to the dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 5;

  /**
   * What the scheduled fan-out syncs when its event names no kinds: the 10-minute inventory
   * schedule sends EventBridge's own scheduled event, which names none.
   */
  public static final String SCHEDULED_KINDS = "inventory";

  /** What the daily cost schedule names in its event's {@code detail.kinds}. */
  public static final String COST_KINDS = "cost";

  /** How long the functions' logs are kept. */
  public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

  /** The stacks and parameters the Sync stack is built from. */
  public record Props(
      StackProps stackProps, CloudledgerContext context, DataStack data, SecretsStack secrets) {}

  private final SyncFunction fanOut;
  private final SyncFunction worker;
  private final SyncFunction trigger;
  private final Queue queue;
  private final Queue deadLetters;
  private final SyncHttpApi httpApi;
  private final SyncAlarms alarms;

  public SyncStack(Construct scope, String id, Props props) {
    super(scope, id, props.stackProps());
    CloudledgerContext context = props.context();
    // One asset per role jar: the fan-out and the trigger share theirs, the worker has its own.
    Map<LambdaArtifact.Jar, Code> code = new EnumMap<>(LambdaArtifact.Jar.class);
    for (LambdaArtifact.Function spec : LambdaArtifact.all()) {
      code.computeIfAbsent(spec.jar(), jar -> Code.fromAsset(context.lambdaJar(jar).toString()));
    }
    // What every function reads (LambdaSettings of aws-lambda); the queue-specific settings are
    // added per function below.
    Map<String, String> environment =
        Map.of(
            "CLOUDLEDGER_CONFIG",
            LambdaConfigYaml.of(
                context.memberAccounts(),
                context.memberRoleName(),
                this.getPartition(),
                context.payerAccount()),
            // A confused-deputy guard, not a credential (see SecretsStack): the functions do not
            // resolve SEC/ references yet, so the sessions read it from the environment.
            LambdaConfigYaml.EXTERNAL_ID_VARIABLE,
            context.externalId(),
            "CLOUDLEDGER_TABLE_PREFIX",
            context.tablePrefix(),
            "CLOUDLEDGER_WORKER_TIMEOUT_SECONDS",
            String.valueOf(LambdaArtifact.SYNC_WORKER.timeoutSeconds()),
            // Tiered compilation at C1 only: the usual cold-start setting for short Java functions.
            "JAVA_TOOL_OPTIONS",
            "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

    this.deadLetters =
        Queue.Builder.create(this, "DeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    this.queue =
        Queue.Builder.create(this, "SyncQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            // AWS's rule for Lambda consumers: at least six times the function's timeout, so a
            // message in flight is not redelivered while a retried batch still runs.
            .visibilityTimeout(Duration.seconds(6L * LambdaArtifact.SYNC_WORKER.timeoutSeconds()))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deadLetters)
                    .maxReceiveCount(MAX_RECEIVE_COUNT)
                    .build())
            .build();
    // Both report accounts without a complete sync within a few schedule intervals.
    environment = new HashMap<>(environment);
    environment.put(
        "CLOUDLEDGER_FRESHNESS_MAX_AGE_MINUTES",
        Long.toString(freshnessMaxAgeMinutes(context.inventorySchedule())));
    Map<String, String> fanOutEnvironment = new HashMap<>(environment);
    fanOutEnvironment.put("CLOUDLEDGER_QUEUE_URL", queue.getQueueUrl());
    // The default kinds of a scheduled event; the cost schedule names its own in detail.kinds.
    fanOutEnvironment.put("CLOUDLEDGER_SCHEDULE_KINDS", SCHEDULED_KINDS);
    Map<String, String> triggerEnvironment = new HashMap<>(environment);
    triggerEnvironment.put("CLOUDLEDGER_QUEUE_URL", queue.getQueueUrl());
    // The HTTP API authorizes every route with IAM; the trigger double-checks it did.
    triggerEnvironment.put("CLOUDLEDGER_REQUIRE_IAM_AUTH", "true");

    this.fanOut = function(LambdaArtifact.FAN_OUT, code, fanOutEnvironment, "");
    // The worker sends the scopes of a large account it had no time for back to the queue.
    Map<String, String> workerEnvironment = new HashMap<>(environment);
    workerEnvironment.put("CLOUDLEDGER_QUEUE_URL", queue.getQueueUrl());
    this.worker = function(LambdaArtifact.SYNC_WORKER, code, workerEnvironment, WORKER_ROLE_NAME);
    this.trigger = function(LambdaArtifact.SYNC_TRIGGER, code, triggerEnvironment, "");

    worker
        .alias()
        .addEventSource(
            SqsEventSource.Builder.create(queue)
                .batchSize(10)
                .reportBatchItemFailures(true)
                .maxConcurrency(context.workerMaxConcurrency())
                .build());
    queue.grantSendMessages(fanOut.role());
    queue.grantSendMessages(trigger.role());
    queue.grantSendMessages(worker.role());

    grantTables(
        worker.role(), props.data(), CloudledgerTables.all(), WorkerPermissions.TABLE_ACTIONS);
    // The fan-out records each request's accounts; the trigger does too (POST) and reads them
    // back with the runs and the idempotency claims (GET).
    grantTables(
        fanOut.role(),
        props.data(),
        List.of(CloudledgerTables.SYNC_REQUESTS),
        WorkerPermissions.REQUEST_LOG_ACTIONS);
    grantTables(
        trigger.role(),
        props.data(),
        List.of(CloudledgerTables.SYNC_RUNS, CloudledgerTables.SYNC_REQUESTS),
        WorkerPermissions.SYNC_RUN_ACTIONS);
    grantTables(
        fanOut.role(),
        props.data(),
        List.of(CloudledgerTables.INVENTORY),
        WorkerPermissions.STALE_MARK_ACTIONS);
    grantTables(
        trigger.role(),
        props.data(),
        List.of(CloudledgerTables.INVENTORY),
        WorkerPermissions.FRESHNESS_READ_ACTIONS);
    for (IRole role : List.of(fanOut.role(), trigger.role(), worker.role())) {
      grantOrganizationListing(role);
    }
    // No Secrets Manager grant: the functions do not resolve SEC/ references yet (aws-lambda's
    // Components wires SecretLookup.none()); grant GetSecretValue here when they do.
    grantAssumeMemberRoles(worker.role(), context);

    schedule("InventorySchedule", context.inventorySchedule(), SCHEDULED_KINDS, null);
    // Daily, separate from inventory: providers publish a day's cost once, Cost Explorer bills
    // each request, and Cost Management's quotas are tight. The worker role needs no ce: grant:
    // Cost Explorer is called in the payer account through its member role.
    schedule("CostSchedule", context.costSchedule(), COST_KINDS, costEvent());

    this.httpApi =
        new SyncHttpApi(
            this, "HttpApi", new SyncHttpApi.Props(trigger.alias(), 10, 20, LOG_RETENTION));
    this.alarms =
        new SyncAlarms(
            this,
            "Alarms",
            new SyncAlarms.Props(
                worker.function(),
                queue,
                deadLetters,
                context.alarmEmail(),
                // Two missed inventory rounds' worth of waiting.
                Duration.minutes(20)));
  }

  private SyncFunction function(
      LambdaArtifact.Function spec,
      Map<LambdaArtifact.Jar, Code> code,
      Map<String, String> environment,
      String roleName) {
    return new SyncFunction(
        this,
        spec.id(),
        new SyncFunction.Props(spec, code.get(spec.jar()), environment, LOG_RETENTION, roleName));
  }

  /**
   * The fan-out gets EventBridge's scheduled event: its {@code time} is the tick the request id
   * derives from, so a redelivered event queues the same messages. {@code event} null sends the
   * event unchanged (kinds from the fan-out's {@code CLOUDLEDGER_SCHEDULE_KINDS}); else it is the
   * same event with the rule's kinds in {@code detail}.
   */
  private void schedule(String id, String expression, String kinds, RuleTargetInput event) {
    LambdaFunctionProps.Builder target = LambdaFunctionProps.builder().retryAttempts(2);
    if (event != null) {
      target.event(event);
    }
    Rule.Builder.create(this, id)
        .description("cloudledger: " + kinds + " sync, " + expression)
        .schedule(Schedule.expression(expression))
        .targets(List.of(new LambdaFunction(fanOut.alias(), target.build())))
        .build();
  }

  /**
   * EventBridge's scheduled-event shape, its fields taken from the real event (an input
   * transformer), with {@code detail.kinds = ["cost"]}.
   */
  private static RuleTargetInput costEvent() {
    Map<String, Object> event = new java.util.LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", EventField.getEventId());
    event.put("detail-type", EventField.getDetailType());
    event.put("source", EventField.getSource());
    event.put("account", EventField.getAccount());
    event.put("time", EventField.getTime());
    event.put("region", EventField.getRegion());
    event.put("resources", List.of());
    event.put("detail", Map.of("kinds", List.of(COST_KINDS)));
    return RuleTargetInput.fromObject(event);
  }

  /** Table and index ARNs named one by one: the index names come from the definitions. */
  private static void grantTables(
      IRole role, DataStack data, List<TableDefinition> definitions, List<String> actions) {
    List<String> resources = new ArrayList<>();
    for (TableDefinition definition : definitions) {
      String tableArn = data.table(definition).getTableArn();
      resources.add(tableArn);
      for (GlobalIndex index : definition.globalIndexes()) {
        resources.add(tableArn + "/index/" + index.name());
      }
    }
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(actions)
            .resources(resources)
            .build());
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(WorkerPermissions.TABLE_KEY_ACTIONS)
            .resources(List.of(data.key().getKeyArn()))
            .conditions(
                Map.of(
                    "StringEquals",
                    Map.of("kms:ViaService", "dynamodb." + data.getRegion() + ".amazonaws.com")))
            .build());
  }

  /**
   * {@link SyncAlarms#FRESHNESS_INTERVALS} intervals of a {@code rate(N unit)} schedule, in
   * minutes; three hours for a {@code cron(...)} one (its interval is not a constant).
   */
  static long freshnessMaxAgeMinutes(String schedule) {
    java.util.regex.Matcher rate =
        java.util.regex.Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|hour|day)s?\\s*\\)")
            .matcher(schedule.strip());
    if (!rate.matches()) {
      return 180;
    }
    long n = Long.parseLong(rate.group(1));
    long minutes =
        switch (rate.group(2)) {
          case "minute" -> n;
          case "hour" -> n * 60;
          default -> n * 1440;
        };
    return SyncAlarms.FRESHNESS_INTERVALS * minutes;
  }

  /**
   * Read-only listing of the organization's accounts. ListRoots and ListAccounts allow no resource
   * narrower than {@code *}; in an account that is neither the management account nor a delegated
   * administrator the calls are simply refused.
   */
  private static void grantOrganizationListing(IRole role) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(WorkerPermissions.ORGANIZATIONS_ACTIONS)
            .resources(List.of("*"))
            .build());
    NagSuppressions.addResourceSuppressions(
        role,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "Organizations' ListRoots and ListAccounts support no resource-level"
                        + " permission; the four actions only list account ids, names and"
                        + " states (organization discovery).")
                .appliesTo(List.of("Resource::*"))
                .build()),
        true);
  }

  /**
   * The member roles by ARN when the accounts are known; otherwise the role name in any account,
   * which the member roles' ExternalId and aws:PrincipalArn conditions still guard.
   */
  private void grantAssumeMemberRoles(IRole role, CloudledgerContext context) {
    List<String> accounts =
        context.memberAccounts().isEmpty() ? List.of("*") : context.memberAccounts();
    List<String> arns =
        accounts.stream()
            .map(
                account ->
                    Arn.format(
                        ArnComponents.builder()
                            .service("iam")
                            .region("")
                            .account(account)
                            .resource("role")
                            .resourceName(context.memberRoleName())
                            .build(),
                        this))
            .toList();
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(List.of(WorkerPermissions.ASSUME_ROLE))
            .resources(arns)
            .build());
    if (context.memberAccounts().isEmpty()) {
      NagSuppressions.addResourceSuppressions(
          role,
          List.of(
              NagPackSuppression.builder()
                  .id("AwsSolutions-IAM5")
                  .reason(
                      "No memberAccounts were given, so the worker may assume the member role"
                          + " name in any account; each member role only trusts this worker role"
                          + " (aws:PrincipalArn) with the ExternalId. Pass -c memberAccounts=..."
                          + " to name the roles one by one.")
                  .appliesTo(
                      List.of(
                          "Resource::arn:<AWS::Partition>:iam::*:role/" + context.memberRoleName()))
                  .build()),
          true);
    }
  }

  public SyncFunction fanOut() {
    return fanOut;
  }

  public SyncFunction worker() {
    return worker;
  }

  public SyncFunction trigger() {
    return trigger;
  }

  public Queue queue() {
    return queue;
  }

  public Queue deadLetters() {
    return deadLetters;
  }

  public SyncHttpApi httpApi() {
    return httpApi;
  }

  public SyncAlarms alarms() {
    return alarms;
  }
}
