package io.cloudledger.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.aws.dynamodb.CloudledgerTables;
import io.cloudledger.aws.dynamodb.GlobalIndex;
import io.cloudledger.aws.dynamodb.TableDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesized templates hold every property a security review asks for, and cdk-nag agrees. */
class CloudledgerAppTest {
  private static SynthesizedApp app;
  private static Template data;
  private static Template secrets;
  private static Template sync;
  private static List<Template> members;

  @BeforeAll
  static void synthesize() {
    app = SynthesizedApp.get();
    data = app.template(app.stacks.data());
    secrets = app.template(app.stacks.secrets());
    sync = app.template(app.stacks.sync());
    members = app.stacks.memberRoles().stream().map(app::template).toList();
  }

  // --- Data ---

  @Test
  void data_hasOneTablePerDefinition_withTheSharedKeySchema() {
    data.resourceCountIs("AWS::DynamoDB::Table", CloudledgerTables.all().size());
    for (TableDefinition table : CloudledgerTables.all()) {
      List<Object> indexes = new ArrayList<>();
      for (GlobalIndex index : table.globalIndexes()) {
        indexes.add(
            Map.of(
                "IndexName", index.name(),
                "KeySchema",
                    List.of(
                        Map.of("AttributeName", index.partitionKey().name(), "KeyType", "HASH"),
                        Map.of("AttributeName", index.sortKey().name(), "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", index.projection().name())));
      }
      data.hasResourceProperties(
          "AWS::DynamoDB::Table",
          Map.of(
              "TableName", table.tableName(CloudledgerContext.DEFAULT_TABLE_PREFIX),
              "KeySchema",
                  List.of(
                      Map.of("AttributeName", table.partitionKey().name(), "KeyType", "HASH"),
                      Map.of("AttributeName", table.sortKey().name(), "KeyType", "RANGE")),
              "AttributeDefinitions",
                  table.attributeDefinitions().stream()
                      .map(key -> Map.of("AttributeName", key.name(), "AttributeType", "S"))
                      .toList(),
              "GlobalSecondaryIndexes", indexes.isEmpty() ? Match.absent() : indexes,
              "TimeToLiveSpecification",
                  table.ttl().isPresent()
                      ? Map.of("AttributeName", table.ttl().get(), "Enabled", true)
                      : Match.absent()));
    }
  }

  @Test
  void data_tablesAreOnDemand_pitr_kmsEncrypted_protected_andRetained() {
    Capture key = new Capture();
    data.allResourcesProperties(
        "AWS::DynamoDB::Table",
        Map.of(
            "BillingMode",
            "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification",
            Map.of("PointInTimeRecoveryEnabled", true),
            "SSESpecification",
            Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", key),
            "DeletionProtectionEnabled",
            true));
    assertThat(key.asObject())
        .isEqualTo(Map.of("Fn::GetAtt", List.of(logicalId(app.stacks.data().key()), "Arn")));
    data.allResources(
        "AWS::DynamoDB::Table",
        Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    data.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
  }

  // --- Sync: functions ---

  @Test
  void sync_functionsRunTheJarsHandlers_onJava25_withSnapStartAndALiveAlias() {
    sync.resourceCountIs("AWS::Lambda::Function", LambdaArtifact.all().size());
    for (LambdaArtifact.Function function : LambdaArtifact.all()) {
      sync.hasResourceProperties(
          "AWS::Lambda::Function",
          Map.of(
              "Handler", function.handler(),
              "Runtime", "java25",
              "MemorySize", function.memoryMb(),
              "Timeout", function.timeoutSeconds(),
              "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
              "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON"))));
    }
    sync.resourceCountIs("AWS::Lambda::Alias", LambdaArtifact.all().size());
    sync.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", SyncFunction.ALIAS));
    sync.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
  }

  @Test
  void functions_eachRunTheirRolesJar_theFanOutAndTriggerSharingOne() {
    Map<String, Object> jarByHandler = new HashMap<>(codeKeysByHandler(sync));
    jarByHandler.putAll(codeKeysByHandler(secrets));

    assertThat(jarByHandler)
        .containsOnlyKeys(
            LambdaArtifact.FAN_OUT.handler(),
            LambdaArtifact.SYNC_TRIGGER.handler(),
            LambdaArtifact.SYNC_WORKER.handler(),
            LambdaArtifact.ROTATION.handler());
    Object trigger = jarByHandler.get(LambdaArtifact.SYNC_TRIGGER.handler());
    Object worker = jarByHandler.get(LambdaArtifact.SYNC_WORKER.handler());
    Object rotation = jarByHandler.get(LambdaArtifact.ROTATION.handler());
    assertThat(jarByHandler.get(LambdaArtifact.FAN_OUT.handler())).isEqualTo(trigger);
    assertThat(List.of(trigger, worker, rotation)).doesNotHaveDuplicates();
  }

  /** Each function's handler → its code asset's S3 key (the hash of the jar it uploads). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> codeKeysByHandler(Template template) {
    Map<String, Object> keys = new HashMap<>();
    for (Map<String, Object> function : template.findResources("AWS::Lambda::Function").values()) {
      Map<String, Object> properties = (Map<String, Object>) function.get("Properties");
      Map<String, Object> code = (Map<String, Object>) properties.get("Code");
      keys.put((String) properties.get("Handler"), code.get("S3Key"));
    }
    return keys;
  }

  @Test
  void sync_workerDrainsTheQueueThroughItsAlias_withBatchItemFailuresAndBoundedConcurrency() {
    Capture aliasArn = new Capture();
    sync.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Map.of(
            "FunctionName", aliasArn,
            "EventSourceArn",
                Map.of("Fn::GetAtt", List.of(logicalId(app.stacks.sync().queue()), "Arn")),
            "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
            "ScalingConfig",
                Map.of("MaximumConcurrency", CloudledgerContext.DEFAULT_WORKER_MAX_CONCURRENCY)));
    // The alias's name part joined with ":live" (a qualified function name), never $LATEST.
    assertThat(String.valueOf(aliasArn.asObject()))
        .contains(logicalId(app.stacks.sync().worker().alias()))
        .contains(":" + SyncFunction.ALIAS);
  }

  // --- Sync: queue ---

  @Test
  void sync_queueRedrivesToTheDeadLetterQueue_isEncrypted_andOutwaitsSixWorkerTimeouts() {
    Map<String, Object> queue = resource(sync, app.stacks.sync().queue());
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) queue.get("Properties");
    assertThat(properties)
        .containsEntry("SqsManagedSseEnabled", true)
        .containsEntry(
            "RedrivePolicy",
            Map.of(
                "deadLetterTargetArn",
                Map.of("Fn::GetAtt", List.of(logicalId(app.stacks.sync().deadLetters()), "Arn")),
                "maxReceiveCount",
                SyncStack.MAX_RECEIVE_COUNT));
    assertThat(((Number) properties.get("VisibilityTimeout")).intValue())
        .isGreaterThanOrEqualTo(6 * LambdaArtifact.SYNC_WORKER.timeoutSeconds());
    sync.allResourcesProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
  }

  @Test
  void sync_bothQueuesDenyRequestsWithoutTls() {
    for (Object queue : List.of(app.stacks.sync().queue(), app.stacks.sync().deadLetters())) {
      sync.hasResourceProperties(
          "AWS::SQS::QueuePolicy",
          Map.of(
              "Queues", List.of(Map.of("Ref", logicalId((software.constructs.IConstruct) queue))),
              "PolicyDocument",
                  Map.of(
                      "Statement",
                      Match.arrayWith(
                          List.of(
                              Match.objectLike(
                                  Map.of(
                                      "Effect",
                                      "Deny",
                                      "Condition",
                                      Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }
  }

  // --- Sync: schedules and API ---

  @Test
  void sync_schedulesInventory_onTheFanOutAlias_withEventBridgesOwnScheduledEvent() {
    // Inventory every 10 minutes and cost daily: two rules on the same fan-out.
    sync.resourceCountIs("AWS::Events::Rule", 2);
    Capture target = new Capture();
    sync.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "ScheduleExpression",
            CloudledgerContext.DEFAULT_INVENTORY_SCHEDULE,
            "Targets",
            List.of(target)));
    assertThat(target.asObject())
        .containsEntry("Arn", Map.of("Ref", logicalId(app.stacks.sync().fanOut().alias())))
        // No custom input: the fan-out derives the request id from the event's own time.
        .doesNotContainKeys("Input", "InputTransformer");
  }

  @Test
  void sync_schedulesCostDaily_withTheScheduledEventsTimeAndCostKindsInItsDetail() {
    Capture target = new Capture();
    sync.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "ScheduleExpression",
            CloudledgerContext.DEFAULT_COST_SCHEDULE,
            "Targets",
            List.of(target)));
    assertThat(target.asObject())
        .containsEntry("Arn", Map.of("Ref", logicalId(app.stacks.sync().fanOut().alias())));
    @SuppressWarnings("unchecked")
    Map<String, Object> transformer =
        (Map<String, Object>) target.asObject().get("InputTransformer");
    // The real event's time, so a redelivered tick derives the same request id.
    assertThat(String.valueOf(transformer.get("InputPathsMap"))).contains("$.time");
    assertThat(String.valueOf(transformer.get("InputTemplate")))
        .contains("\"detail\":{\"kinds\":[\"cost\"]}")
        .contains("\"detail-type\":");
  }

  @Test
  void sync_thePayersSessionQueriesCostExplorer_andTheWorkerRoleHasNoCeGrant() {
    String config =
        String.valueOf(environment(app.stacks.sync().worker()).get("CLOUDLEDGER_CONFIG"));
    assertThat(config.split("- name: "))
        .filteredOn(s -> s.contains("cost_explorer: true"))
        .singleElement()
        .satisfies(
            s -> assertThat(s).startsWith("member-" + SynthesizedApp.MEMBER_ACCOUNTS.get(0)));
    assertThat(sync.toJSON().toString()).doesNotContain("ce:GetCostAndUsage");
  }

  @Test
  void sync_functionsGetTheSettingsLambdaSettingsReads() {
    Map<String, Object> fanOut = environment(app.stacks.sync().fanOut());
    Map<String, Object> worker = environment(app.stacks.sync().worker());
    Map<String, Object> trigger = environment(app.stacks.sync().trigger());
    for (Map<String, Object> variables : List.of(fanOut, worker, trigger)) {
      assertThat(variables)
          .containsEntry("CLOUDLEDGER_TABLE_PREFIX", CloudledgerContext.DEFAULT_TABLE_PREFIX)
          .containsEntry(
              "CLOUDLEDGER_WORKER_TIMEOUT_SECONDS",
              String.valueOf(LambdaArtifact.SYNC_WORKER.timeoutSeconds()))
          .containsEntry(LambdaConfigYaml.EXTERNAL_ID_VARIABLE, SynthesizedApp.EXTERNAL_ID)
          .containsKey("CLOUDLEDGER_CONFIG");
    }
    String queueUrl = "{Ref=" + logicalId(app.stacks.sync().queue()) + "}";
    assertThat(String.valueOf(fanOut.get("CLOUDLEDGER_QUEUE_URL"))).isEqualTo(queueUrl);
    assertThat(String.valueOf(trigger.get("CLOUDLEDGER_QUEUE_URL"))).isEqualTo(queueUrl);
    // The worker sends a large account's next part (work units) back to the same queue.
    assertThat(String.valueOf(worker.get("CLOUDLEDGER_QUEUE_URL"))).isEqualTo(queueUrl);
    assertThat(fanOut).containsEntry("CLOUDLEDGER_SCHEDULE_KINDS", "inventory");
    // Three intervals of the default rate(10 minutes) schedule.
    assertThat(fanOut).containsEntry("CLOUDLEDGER_FRESHNESS_MAX_AGE_MINUTES", "30");
    assertThat(trigger).containsEntry("CLOUDLEDGER_FRESHNESS_MAX_AGE_MINUTES", "30");
    assertThat(trigger).containsEntry("CLOUDLEDGER_REQUIRE_IAM_AUTH", "true");
    // The config names each member account's role (the partition is a token in the template).
    String config = String.valueOf(worker.get("CLOUDLEDGER_CONFIG"));
    for (String account : SynthesizedApp.MEMBER_ACCOUNTS) {
      assertThat(config).contains(":iam::" + account + ":role/cloudledger-reader");
    }
  }

  @Test
  void sync_fanOutAndTriggerMayUseTheRequestLog_theTriggerAlsoTheRuns() {
    // The inventory table only to mark a suspended member's scopes stale.
    assertThat(tablesNamed(tableResources(app.stacks.sync().fanOut())))
        .containsExactlyInAnyOrder(
            CloudledgerTables.SYNC_REQUESTS.nameSuffix(), CloudledgerTables.INVENTORY.nameSuffix());
    String fanOutRole = logicalId(app.stacks.sync().fanOut().role());
    assertThat(IamStatements.of(sync))
        .filteredOn(s -> s.roles().contains(fanOutRole))
        .flatExtracting(IamStatements.Statement::actions)
        .filteredOn(action -> action.startsWith("dynamodb:"))
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    WorkerPermissions.REQUEST_LOG_ACTIONS.stream(),
                    WorkerPermissions.STALE_MARK_ACTIONS.stream())
                .toList());
    // The inventory table only to read scope records for GET /accounts.
    assertThat(tablesNamed(tableResources(app.stacks.sync().trigger())))
        .containsExactlyInAnyOrder(
            CloudledgerTables.SYNC_RUNS.nameSuffix(),
            CloudledgerTables.SYNC_REQUESTS.nameSuffix(),
            CloudledgerTables.INVENTORY.nameSuffix());
  }

  @Test
  void sync_httpApiRoutesAreIamAuthorized_andTheStageIsThrottledAndLogged() {
    for (String route : List.of("POST /sync", "GET /sync/{requestId}", "GET /accounts")) {
      sync.hasResourceProperties(
          "AWS::ApiGatewayV2::Route", Map.of("RouteKey", route, "AuthorizationType", "AWS_IAM"));
    }
    sync.resourceCountIs("AWS::ApiGatewayV2::Route", 3);
    sync.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Map.of(
            "StageName", "$default",
            "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20),
            "AccessLogSettings", Match.objectLike(Map.of("DestinationArn", Match.anyValue()))));
  }

  // --- Sync: alarms ---

  @Test
  void sync_alarmsOnDeadLetters_workerErrors_throttles_andMessageAge_toAnEncryptedTopic() {
    String topic = logicalId(app.stacks.sync().alarms().topic());
    sync.resourceCountIs("AWS::CloudWatch::Alarm", 5);
    sync.allResourcesProperties(
        "AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(Map.of("Ref", topic))));
    for (String metric :
        List.of(
            "ApproximateNumberOfMessagesVisible",
            "Errors",
            "Throttles",
            "ApproximateAgeOfOldestMessage",
            "AccountsNotSynced")) {
      sync.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of("MetricName", metric, "ComparisonOperator", "GreaterThanThreshold"));
    }
    sync.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "MetricName",
            "ApproximateNumberOfMessagesVisible",
            "Dimensions",
            List.of(
                Map.of(
                    "Name",
                    "QueueName",
                    "Value",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(logicalId(app.stacks.sync().deadLetters()), "QueueName")))),
            "Threshold",
            0));
    sync.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "MetricName", "AccountsNotSynced",
            "Namespace", "cloudledger",
            "Statistic", "Maximum",
            "Period", 3600,
            "Threshold", 0));
    sync.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
    sync.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of("Protocol", "email", "Endpoint", SynthesizedApp.ALARM_EMAIL));
  }

  // --- IAM ---

  @Test
  void iam_noStatementOfAnyStackUsesAWildcardAction() {
    for (Stack stack : app.allStacks()) {
      assertThat(IamStatements.of(app.template(stack)))
          .as(stack.getStackName())
          .flatMap(IamStatements.Statement::actions)
          .noneMatch(action -> action.contains("*"));
    }
  }

  @Test
  void iam_workerAssumesExactlyTheMemberRoles() {
    List<IamStatements.Statement> assume =
        IamStatements.of(sync).stream()
            .filter(s -> s.roles().contains(logicalId(app.stacks.sync().worker().role())))
            .filter(s -> s.actions().contains(WorkerPermissions.ASSUME_ROLE))
            .toList();
    assertThat(assume).hasSize(1);
    assertThat(assume.get(0).resources().toString())
        .contains(":iam::111111111111:role/cloudledger-reader")
        .contains(":iam::222222222222:role/cloudledger-reader")
        .doesNotContain("*");
    sync.hasResourceProperties("AWS::IAM::Role", Map.of("RoleName", SyncStack.WORKER_ROLE_NAME));
  }

  @Test
  void memberRole_isTrustedOnlyByTheCentralWorker_withTheExternalId_andOnlyReads() {
    assertThat(members).hasSize(SynthesizedApp.MEMBER_ACCOUNTS.size());
    for (Template member : members) {
      member.hasResourceProperties(
          "AWS::IAM::Role",
          Map.of(
              "RoleName", CloudledgerContext.DEFAULT_MEMBER_ROLE_NAME,
              "AssumeRolePolicyDocument",
                  Map.of(
                      "Statement",
                      List.of(
                          Map.of(
                              "Action",
                              "sts:AssumeRole",
                              "Effect",
                              "Allow",
                              "Principal",
                              Match.anyValue(),
                              "Condition",
                              Map.of(
                                  "StringEquals",
                                  Map.of(
                                      "sts:ExternalId",
                                      SynthesizedApp.EXTERNAL_ID,
                                      "aws:PrincipalArn",
                                      Match.anyValue())))),
                      "Version",
                      "2012-10-17"),
              "Policies",
                  List.of(
                      Map.of(
                          "PolicyName",
                          "cloudledger-read",
                          "PolicyDocument",
                          Map.of(
                              "Statement",
                              List.of(
                                  Map.of(
                                      "Action", MemberReadPermissions.all(),
                                      "Effect", "Allow",
                                      "Resource", "*")),
                              "Version",
                              "2012-10-17")))));
      String trust = String.valueOf(member.toJSON());
      assertThat(trust)
          .contains(SynthesizedApp.CENTRAL_ACCOUNT + ":root")
          .contains(SynthesizedApp.CENTRAL_ACCOUNT + ":role/" + SyncStack.WORKER_ROLE_NAME);
    }
  }

  @Test
  void iam_withoutMemberAccounts_theWorkerMayAssumeTheRoleNameAnywhere_withAReasonNagAccepts() {
    Map<String, Object> values = new HashMap<>();
    values.put(CloudledgerContext.EXTERNAL_ID, SynthesizedApp.EXTERNAL_ID);
    CloudledgerApp.Stacks single =
        CloudledgerApp.build(
            new App(), CloudledgerContext.from(values, Path.of("").toAbsolutePath()));
    Template template = Template.fromStack(single.sync());

    String worker = logicalId(single.sync().worker().role());
    assertThat(
            IamStatements.of(template).stream()
                .filter(s -> s.roles().contains(worker))
                .filter(s -> s.actions().contains(WorkerPermissions.ASSUME_ROLE))
                .flatMap(s -> s.resources().stream())
                .map(String::valueOf))
        .singleElement()
        .asString()
        .contains(":iam::*:role/cloudledger-reader");
    assertThat(single.memberRoles()).singleElement();
    for (Stack stack : List.of(single.sync(), single.memberRoles().get(0))) {
      var annotations = Annotations.fromStack(stack);
      assertThat(messages(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
          .as(stack.getStackName())
          .isEmpty();
    }
    assertThat(NagMetadata.suppressions(template))
        .anySatisfy(rule -> assertThat(rule.get("id")).isEqualTo("AwsSolutions-IAM5"));
  }

  // --- Secrets ---

  @Test
  void secrets_areEncryptedWithTheSecretsKey_andRetained() {
    secrets.resourceCountIs("AWS::SecretsManager::Secret", app.stacks.secrets().secrets().size());
    secrets.allResourcesProperties(
        "AWS::SecretsManager::Secret",
        Map.of(
            "KmsKeyId",
            Map.of("Fn::GetAtt", List.of(logicalId(app.stacks.secrets().key()), "Arn"))));
    secrets.allResources("AWS::SecretsManager::Secret", Map.of("DeletionPolicy", "Retain"));
  }

  @Test
  void rotation_runsTheRotationHandler_withSnapStartAndALiveAlias() {
    secrets.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", LambdaArtifact.ROTATION.handler(),
            "Runtime", "java25",
            "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    secrets.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", SyncFunction.ALIAS));
  }

  @Test
  void rotation_onlySecretsManagerOfThisAccountMayInvokeTheAlias() {
    secrets.resourceCountIs("AWS::Lambda::Permission", 1);
    secrets.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action",
            "lambda:InvokeFunction",
            "Principal",
            "secretsmanager.amazonaws.com",
            "SourceAccount",
            Map.of("Ref", "AWS::AccountId"),
            "FunctionName",
            Map.of("Ref", logicalId(app.stacks.secrets().rotation().alias()))));
  }

  @Test
  void rotation_roleMayRotateOnlyCloudledgerSecrets_andUseTheirKeyOnlyThroughSecretsManager() {
    String role = logicalId(app.stacks.secrets().rotation().role());
    List<IamStatements.Statement> statements =
        IamStatements.of(secrets).stream().filter(s -> s.roles().contains(role)).toList();

    assertThat(statements)
        .filteredOn(s -> s.actions().contains("secretsmanager:PutSecretValue"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.actions())
                  .containsExactlyInAnyOrderElementsOf(SecretsStack.ROTATION_SECRET_ACTIONS);
              assertThat(String.valueOf(s.resources())).contains(":secret:cloudledger/*");
            });
    assertThat(statements)
        .filteredOn(s -> s.actions().contains("kms:Decrypt"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.resources())
                    .containsExactly(
                        Map.of(
                            "Fn::GetAtt", List.of(logicalId(app.stacks.secrets().key()), "Arn"))));
    assertThat(statements).noneMatch(s -> String.valueOf(s.actions()).contains("iam:"));
  }

  @Test
  void rotation_selfRotationPolicyLetsAUserManageOnlyItsOwnKeys() {
    secrets.hasResourceProperties(
        "AWS::IAM::ManagedPolicy",
        Map.of("ManagedPolicyName", SecretsStack.SELF_ROTATION_POLICY_NAME));
    String policy = logicalId(app.stacks.secrets().selfRotationPolicy());

    assertThat(IamStatements.of(secrets))
        .filteredOn(s -> s.roles().contains(policy))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.actions())
                  .containsExactlyInAnyOrderElementsOf(SecretsStack.SELF_ROTATION_ACTIONS);
              assertThat(String.valueOf(s.resources())).contains(":user/${aws:username}");
            });
  }

  // --- cdk-nag ---

  @Test
  void nag_everyStackPassesAwsSolutions_withoutUnsuppressedErrorsOrWarnings() {
    for (Stack stack : app.allStacks()) {
      var annotations = app.annotations(stack);
      assertThat(messages(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
          .as("AwsSolutions errors in " + stack.getStackName())
          .isEmpty();
      assertThat(messages(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
          .as("AwsSolutions warnings in " + stack.getStackName())
          .isEmpty();
    }
  }

  @Test
  void nag_everySuppressionGivesAReason() {
    int suppressions = 0;
    for (Stack stack : app.allStacks()) {
      for (Map<String, Object> rule : NagMetadata.suppressions(app.template(stack))) {
        suppressions++;
        assertThat(String.valueOf(rule.get("reason"))).as(rule.toString()).hasSizeGreaterThan(40);
      }
    }
    assertThat(suppressions).isPositive();
  }

  private static List<String> messages(List<software.amazon.awscdk.cxapi.SynthesisMessage> found) {
    return found.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(SyncFunction function) {
    Map<String, Object> properties =
        (Map<String, Object>) resource(sync, function.function()).get("Properties");
    return (Map<String, Object>)
        ((Map<String, Object>) properties.get("Environment")).get("Variables");
  }

  /** The table ARNs (as template JSON text) a function's role is granted DynamoDB actions on. */
  private static List<String> tableResources(SyncFunction function) {
    String role = logicalId(function.role());
    return IamStatements.of(sync).stream()
        .filter(s -> s.roles().contains(role))
        .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("dynamodb:")))
        .flatMap(s -> s.resources().stream())
        .map(String::valueOf)
        .filter(r -> !r.contains("/index/"))
        .toList();
  }

  /** The tables (by definition name) whose ARNs a resource list names. */
  private static List<String> tablesNamed(List<String> resources) {
    // Cross-stack ARNs are imports whose export names carry the Data stack's logical ids.
    return CloudledgerTables.all().stream()
        .filter(
            definition ->
                resources.stream()
                    .anyMatch(r -> r.contains(logicalId(app.stacks.data().table(definition)))))
        .map(TableDefinition::nameSuffix)
        .toList();
  }

  private static String logicalId(software.constructs.IConstruct construct) {
    return Resources.logicalId(construct);
  }

  private static Map<String, Object> resource(Template template, software.constructs.IConstruct c) {
    return Resources.of(template).get(logicalId(c));
  }
}
