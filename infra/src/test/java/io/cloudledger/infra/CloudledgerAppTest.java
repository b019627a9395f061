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
  void sync_schedulesInventoryAndCost_onTheFanOutAlias() {
    sync.resourceCountIs("AWS::Events::Rule", 2);
    for (String expression :
        List.of(
            CloudledgerContext.DEFAULT_INVENTORY_SCHEDULE,
            CloudledgerContext.DEFAULT_COST_SCHEDULE)) {
      sync.hasResourceProperties(
          "AWS::Events::Rule",
          Map.of(
              "ScheduleExpression",
              expression,
              "Targets",
              List.of(
                  Match.objectLike(
                      Map.of(
                          "Arn", Map.of("Ref", logicalId(app.stacks.sync().fanOut().alias())))))));
    }
  }

  @Test
  void sync_httpApiRoutesAreIamAuthorized_andTheStageIsThrottledAndLogged() {
    for (String route : List.of("POST /sync", "GET /sync/{requestId}")) {
      sync.hasResourceProperties(
          "AWS::ApiGatewayV2::Route", Map.of("RouteKey", route, "AuthorizationType", "AWS_IAM"));
    }
    sync.resourceCountIs("AWS::ApiGatewayV2::Route", 2);
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
    sync.resourceCountIs("AWS::CloudWatch::Alarm", 4);
    sync.allResourcesProperties(
        "AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(Map.of("Ref", topic))));
    for (String metric :
        List.of(
            "ApproximateNumberOfMessagesVisible",
            "Errors",
            "Throttles",
            "ApproximateAgeOfOldestMessage")) {
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

  private static String logicalId(software.constructs.IConstruct construct) {
    return Resources.logicalId(construct);
  }

  private static Map<String, Object> resource(Template template, software.constructs.IConstruct c) {
    return Resources.of(template).get(logicalId(c));
  }
}
