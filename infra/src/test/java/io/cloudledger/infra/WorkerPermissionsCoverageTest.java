package io.cloudledger.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * Every AWS API call the connector and the stores make is allowed to the identity that makes it: a
 * new call without its permission fails the build here, not in production.
 */
class WorkerPermissionsCoverageTest {

  /** The identities whose policies the app writes. */
  enum Identity {
    /** The read-only role in each member account. */
    MEMBER,
    WORKER,
    FAN_OUT,
    TRIGGER,
    ROTATION,
    /** An IAM user rotating its own key: IamAccessKeyTarget signs with the key it rotates. */
    ROTATED_USER
  }

  /**
   * The one table from calling class (name prefix, first match wins) to the identities that run its
   * calls; every one of them must be allowed every action the class calls. A class that only reads
   * through a store (the trigger's status query) is not listed for it: the class-level view would
   * grant it the store's writes too.
   */
  private static final Map<String, Set<Identity>> CALLERS = callers();

  private static Map<String, Set<Identity>> callers() {
    Map<String, Set<Identity>> table = new LinkedHashMap<>();
    table.put("io.cloudledger.aws.inventory.", Set.of(Identity.MEMBER));
    // `accounts check` probes exactly what the member role must allow, through that role.
    table.put("io.cloudledger.aws.health.", Set.of(Identity.MEMBER));
    // Cost Explorer is queried in the payer account, through its member role.
    table.put("io.cloudledger.aws.cost.", Set.of(Identity.MEMBER));
    table.put("io.cloudledger.aws.session.", Set.of(Identity.WORKER));
    // Organization discovery runs wherever the account list is needed.
    table.put(
        "io.cloudledger.aws.discovery.",
        Set.of(Identity.FAN_OUT, Identity.TRIGGER, Identity.WORKER));
    // The fan-out only writes the request log (CloudledgerAppTest checks its PutItem).
    table.put("io.cloudledger.aws.dynamodb.DynamoDbSyncRequestLog", Set.of(Identity.TRIGGER));
    table.put("io.cloudledger.aws.dynamodb.", Set.of(Identity.WORKER));
    // The worker sends a large account's next part (work units) to its own queue.
    table.put(
        "io.cloudledger.aws.sqs.", Set.of(Identity.FAN_OUT, Identity.TRIGGER, Identity.WORKER));
    table.put("io.cloudledger.aws.secrets.SecretsManager", Set.of(Identity.ROTATION));
    table.put("io.cloudledger.aws.secrets.IamAccessKeyTarget", Set.of(Identity.ROTATED_USER));
    return table;
  }

  /** Actions IAM does not authorize: GetCallerIdentity works even under an explicit deny. */
  private static final Set<String> NEED_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

  /**
   * Classes that never run in the cloud: DynamoDbTables creates tables for local use only (in a
   * deployment the Data stack owns them and no function may create or reconfigure a table);
   * AwsSecretsManagerStore backs the CLI's secret commands, run with the operator's credentials;
   * DynamoDbApiKeyStore backs `serve` and `apikeys` (the AWS trigger uses IAM authorization).
   */
  private static final Set<String> LOCAL_ONLY =
      Set.of(
          "io.cloudledger.aws.dynamodb.DynamoDbTables",
          "io.cloudledger.aws.dynamodb.DynamoDbApiKeyStore",
          "io.cloudledger.aws.secrets.AwsSecretsManagerStore");

  private static Map<String, Set<String>> calledActions;
  private static SynthesizedApp app;

  @BeforeAll
  static void deriveAndSynthesize() {
    JavaClasses production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cloudledger.aws");
    calledActions = new TreeMap<>(SdkOperations.actions(production));
    calledActions
        .values()
        .forEach(callers -> callers.removeIf(WorkerPermissionsCoverageTest::local));
    calledActions.values().removeIf(Set::isEmpty);
    NEED_NO_PERMISSION.forEach(calledActions::remove);
    app = SynthesizedApp.get();
  }

  @Test
  void derivation_findsClientCallsPaginatorsAndAssumeRoleProviders() {
    JavaClasses fixture = new ClassFileImporter().importClasses(SdkCallsFixture.class);

    assertThat(SdkOperations.actions(fixture).keySet())
        .containsExactlyInAnyOrder(
            "ec2:DescribeVolumes",
            "s3:ListAllMyBuckets",
            "s3:GetBucketLocation",
            "sts:AssumeRole",
            "iam:ListAccessKeys");
  }

  @Test
  void derivation_seesTheConnectorTheStoresTheQueueAndTheRotation() {
    // Guards the coverage checks below against passing on an empty import.
    assertThat(calledActions)
        .containsKeys(
            "ec2:DescribeInstances",
            "ec2:DescribeRegions",
            "s3:ListAllMyBuckets",
            "sts:AssumeRole",
            "dynamodb:BatchWriteItem",
            "dynamodb:Query",
            "sqs:SendMessage",
            "secretsmanager:PutSecretValue",
            "iam:CreateAccessKey");
  }

  @Test
  void everyCallingClass_hasAnIdentityInTheTable() {
    Set<String> unassigned = new TreeSet<>();
    calledActions
        .values()
        .forEach(
            callers ->
                callers.stream()
                    .filter(caller -> identitiesOf(caller).isEmpty())
                    .forEach(unassigned::add));

    assertThat(unassigned)
        .as("classes calling AWS that CALLERS assigns to no identity (or LOCAL_ONLY)")
        .isEmpty();
  }

  @Test
  void everyIdentity_isAllowedEveryActionItsClassesCall() {
    Map<Identity, Set<String>> granted = new EnumMap<>(Identity.class);
    for (Identity identity : Identity.values()) {
      granted.put(identity, grantedTo(identity));
    }
    // "action -> identity: callers" for each call the identity's policy lacks.
    Map<String, Set<String>> missing = new TreeMap<>();
    calledActions.forEach(
        (action, callers) -> {
          for (String caller : callers) {
            for (Identity identity : identitiesOf(caller)) {
              if (!granted.get(identity).contains(action)) {
                missing
                    .computeIfAbsent(action + " -> " + identity, k -> new TreeSet<>())
                    .add(caller);
              }
            }
          }
        });

    assertThat(missing)
        .as("called but not allowed to the identity that calls (action -> identity: callers)")
        .isEmpty();
  }

  @Test
  void syncFunctionsAndMemberRole_getNoSecretsManagerOrIamPermission() {
    for (Identity identity :
        List.of(Identity.WORKER, Identity.FAN_OUT, Identity.TRIGGER, Identity.MEMBER)) {
      assertThat(grantedTo(identity))
          .as(
              identity
                  + " reads no secret (SEC/ is not wired in the functions) and rotates nothing")
          .noneMatch(action -> action.startsWith("iam:") || action.startsWith("secretsmanager:"));
    }
  }

  @Test
  void rotationRole_getsNoIamPermission_theRotatedKeySignsItsOwnCalls() {
    assertThat(grantedTo(Identity.ROTATION)).noneMatch(action -> action.startsWith("iam:"));
  }

  private static boolean local(String caller) {
    return LOCAL_ONLY.contains(caller);
  }

  private static Set<Identity> identitiesOf(String caller) {
    return CALLERS.entrySet().stream()
        .filter(entry -> caller.startsWith(entry.getKey()))
        .findFirst()
        .map(Map.Entry::getValue)
        .orElse(Set.of());
  }

  private static Set<String> grantedTo(Identity identity) {
    return switch (identity) {
      case MEMBER -> {
        Set<String> granted = new TreeSet<>();
        for (var stack : app.stacks.memberRoles()) {
          granted.addAll(allowed(stack, null));
        }
        yield granted;
      }
      case WORKER -> allowed(app.stacks.sync(), app.stacks.sync().worker().role());
      case FAN_OUT -> allowed(app.stacks.sync(), app.stacks.sync().fanOut().role());
      case TRIGGER -> allowed(app.stacks.sync(), app.stacks.sync().trigger().role());
      case ROTATION -> allowed(app.stacks.secrets(), app.stacks.secrets().rotation().role());
      case ROTATED_USER -> allowed(app.stacks.secrets(), app.stacks.secrets().selfRotationPolicy());
    };
  }

  /** The actions Allowed to {@code holder} (a role or a managed policy), or to anyone if null. */
  private static Set<String> allowed(Stack stack, IConstruct holder) {
    Template template = app.template(stack);
    String id = holder == null ? null : Resources.logicalId(holder);
    return IamStatements.of(template).stream()
        .filter(s -> s.effect().equals("Allow") && (id == null || s.roles().contains(id)))
        .flatMap(s -> s.actions().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
