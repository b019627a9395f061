package io.cloudledger.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every AWS API call the connector and the stores make is allowed to the role that makes it: a new
 * call without its permission fails the build here, not in production.
 */
class WorkerPermissionsCoverageTest {

  /** Actions IAM does not authorize: GetCallerIdentity works even under an explicit deny. */
  private static final Set<String> NEED_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

  /**
   * Classes that never run in the cloud: DynamoDbTables creates tables for local use only; in a
   * deployment the Data stack owns them and no function may create or reconfigure a table.
   */
  private static final Set<String> LOCAL_ONLY =
      Set.of("io.cloudledger.aws.dynamodb.DynamoDbTables");

  /** Services called inside member accounts, with the member role's credentials. */
  private static final Set<String> MEMBER_SERVICES = Set.of("ec2", "s3", "ce");

  private static Map<String, Set<String>> calledActions;
  private static SynthesizedApp app;

  @BeforeAll
  static void deriveAndSynthesize() {
    JavaClasses production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cloudledger.aws");
    calledActions = new TreeMap<>(SdkOperations.actions(production));
    calledActions.values().forEach(callers -> callers.removeAll(LOCAL_ONLY));
    calledActions.values().removeIf(Set::isEmpty);
    NEED_NO_PERMISSION.forEach(calledActions::remove);
    app = SynthesizedApp.get();
  }

  @Test
  void derivation_findsClientCallsPaginatorsAndAssumeRoleProviders() {
    JavaClasses fixture = new ClassFileImporter().importClasses(SdkCallsFixture.class);

    assertThat(SdkOperations.actions(fixture).keySet())
        .containsExactlyInAnyOrder(
            "ec2:DescribeVolumes", "s3:ListAllMyBuckets", "s3:GetBucketLocation", "sts:AssumeRole");
  }

  @Test
  void derivation_seesTheConnectorAndTheStores() {
    // Guards the coverage checks below against passing on an empty import.
    assertThat(calledActions)
        .containsKeys(
            "ec2:DescribeInstances",
            "ec2:DescribeRegions",
            "s3:ListAllMyBuckets",
            "sts:AssumeRole",
            "dynamodb:BatchWriteItem",
            "dynamodb:Query");
  }

  @Test
  void memberRole_allowsEveryCallMadeInsideAMemberAccount() {
    Set<String> granted = new TreeSet<>();
    for (var stack : app.stacks.memberRoles()) {
      Template template = app.template(stack);
      IamStatements.of(template).stream()
          .filter(s -> s.effect().equals("Allow"))
          .forEach(s -> granted.addAll(s.actions()));
    }

    assertThat(missing(inMember(true), granted))
        .as("called in member accounts but not allowed to the member role (action -> callers)")
        .isEmpty();
  }

  @Test
  void workerRole_allowsEveryCallMadeInTheCentralAccount() {
    Map<String, Set<String>> central = inMember(false);
    // Sending to the queue is the fan-out's and the trigger's job, checked below.
    central.keySet().removeIf(action -> action.startsWith("sqs:"));

    assertThat(missing(central, grantedTo(app.stacks.sync().worker())))
        .as("called by the worker but not allowed to its role (action -> callers)")
        .isEmpty();
  }

  @Test
  void syncFunctions_allowEveryQueueCall() {
    Map<String, Set<String>> queueCalls = inMember(false);
    queueCalls.keySet().removeIf(action -> !action.startsWith("sqs:"));
    Set<String> granted = new TreeSet<>();
    for (SyncFunction function :
        List.of(
            app.stacks.sync().fanOut(), app.stacks.sync().worker(), app.stacks.sync().trigger())) {
      granted.addAll(grantedTo(function));
    }

    assertThat(missing(queueCalls, granted))
        .as("queue calls no Sync function may make (action -> callers)")
        .isEmpty();
  }

  private static Set<String> grantedTo(SyncFunction function) {
    String role = Resources.logicalId(function.role());
    return IamStatements.of(app.template(app.stacks.sync())).stream()
        .filter(s -> s.effect().equals("Allow") && s.roles().contains(role))
        .flatMap(s -> s.actions().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, Set<String>> inMember(boolean member) {
    Map<String, Set<String>> selected = new TreeMap<>();
    calledActions.forEach(
        (action, callers) -> {
          if (MEMBER_SERVICES.contains(action.substring(0, action.indexOf(':'))) == member) {
            selected.put(action, callers);
          }
        });
    return selected;
  }

  private static Map<String, Set<String>> missing(
      Map<String, Set<String>> called, Set<String> granted) {
    Map<String, Set<String>> missing = new TreeMap<>(called);
    missing.keySet().removeAll(granted);
    return missing;
  }
}
