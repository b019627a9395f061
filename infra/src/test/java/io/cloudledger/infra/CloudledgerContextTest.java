package io.cloudledger.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context validation on its own: no synth, so every rule is cheap to pin down. */
class CloudledgerContextTest {
  private static final String EXTERNAL_ID = "a-secret-like-external-id";

  @TempDir Path dir;
  private final Map<String, Object> context = new HashMap<>();

  @BeforeEach
  void validMinimum() throws IOException {
    Files.createDirectories(dir.resolve("lambda"));
    for (LambdaArtifact.Jar jar : LambdaArtifact.Jar.values()) {
      Files.writeString(dir.resolve("lambda").resolve(jar.fileName()), "jar");
    }
    context.put(CloudledgerContext.EXTERNAL_ID, EXTERNAL_ID);
    context.put(CloudledgerContext.LAMBDA_JAR_DIRECTORY, "lambda");
  }

  @Test
  void from_withOnlyTheRequiredValues_appliesTheDocumentedDefaults() {
    CloudledgerContext parsed = CloudledgerContext.from(context, dir);

    assertThat(parsed.memberAccounts()).isEmpty();
    assertThat(parsed.centralAccountId()).isEmpty();
    assertThat(parsed.inventorySchedule()).isEqualTo("rate(10 minutes)");
    assertThat(parsed.costSchedule()).isEqualTo("cron(0 6 * * ? *)");
    assertThat(parsed.alarmEmailAddress()).isEmpty();
    assertThat(parsed.memberRoleName()).isEqualTo("cloudledger-reader");
    assertThat(parsed.tablePrefix()).isEqualTo("cloudledger-");
    assertThat(parsed.workerMaxConcurrency()).isEqualTo(10);
    assertThat(parsed.lambdaJar(LambdaArtifact.Jar.WORKER))
        .isEqualTo(dir.resolve("lambda/aws-lambda-0.1.0-SNAPSHOT-worker.jar"));
  }

  @Test
  void from_whenMemberAccountsAreGivenWithoutTheCentralAccount_asksForIt() {
    context.put(CloudledgerContext.MEMBER_ACCOUNTS, List.of("111111111111"));

    assertThat(problems())
        .singleElement()
        .asString()
        .startsWith("context 'centralAccount' is missing");
  }

  @Test
  void from_payerAccount_mustBeAMemberAccount() {
    context.put(CloudledgerContext.MEMBER_ACCOUNTS, List.of("111111111111"));
    context.put(CloudledgerContext.CENTRAL_ACCOUNT, "999999999999");
    context.put(CloudledgerContext.PAYER_ACCOUNT, "111111111111");
    assertThat(CloudledgerContext.from(context, dir).payerAccount()).isEqualTo("111111111111");

    context.put(CloudledgerContext.PAYER_ACCOUNT, "222222222222");
    assertThat(problems())
        .singleElement()
        .asString()
        .startsWith("context 'payerAccount' must be one of memberAccounts");
  }

  @Test
  void from_readsAccountsFromAJsonListOrFromTheCommandLinesCommaSeparatedString() {
    context.put(CloudledgerContext.CENTRAL_ACCOUNT, "999999999999");
    context.put(CloudledgerContext.MEMBER_ACCOUNTS, List.of("111111111111", "222222222222"));
    assertThat(CloudledgerContext.from(context, dir).memberAccounts())
        .containsExactly("111111111111", "222222222222");

    context.put(CloudledgerContext.MEMBER_ACCOUNTS, "111111111111, 222222222222");
    assertThat(CloudledgerContext.from(context, dir).memberAccounts())
        .containsExactly("111111111111", "222222222222");

    context.put(CloudledgerContext.MEMBER_ACCOUNTS, "[\"111111111111\",\"222222222222\"]");
    assertThat(CloudledgerContext.from(context, dir).memberAccounts())
        .containsExactly("111111111111", "222222222222");
  }

  @Test
  void from_whenExternalIdIsMissing_failsNamingTheKey() {
    context.remove(CloudledgerContext.EXTERNAL_ID);

    assertThat(problems()).singleElement().asString().startsWith("context 'externalId' is missing");
  }

  @Test
  void from_whenExternalIdIsMalformed_failsWithoutEchoingIt() {
    context.put(CloudledgerContext.EXTERNAL_ID, "has spaces and a secret");

    InvalidContextException error = invalid();
    assertThat(error.problems()).singleElement().asString().contains("externalId");
    assertThat(error.getMessage()).doesNotContain("has spaces and a secret");
  }

  @Test
  void from_whenAccountsAreMalformedOrRepeated_namesTheOffendingIds() {
    context.put(CloudledgerContext.CENTRAL_ACCOUNT, "999999999999");
    context.put(
        CloudledgerContext.MEMBER_ACCOUNTS, List.of("111111111111", "12345", "111111111111"));

    assertThat(problems())
        .containsExactly(
            "context 'memberAccounts' must be 12-digit AWS account ids, but has [12345]",
            "context 'memberAccounts' lists [111111111111] more than once");
  }

  @Test
  void from_acceptsRateAndCronSchedules_andRejectsAnythingElse() {
    context.put(CloudledgerContext.INVENTORY_SCHEDULE, "rate(1 hour)");
    context.put(CloudledgerContext.COST_SCHEDULE, "cron(30 2 * * ? *)");
    assertThat(CloudledgerContext.from(context, dir).inventorySchedule()).isEqualTo("rate(1 hour)");

    context.put(CloudledgerContext.INVENTORY_SCHEDULE, "rate(1 minutes)");
    context.put(CloudledgerContext.COST_SCHEDULE, "every day");
    assertThat(problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("context 'inventorySchedule' must be"))
        .anySatisfy(p -> assertThat(p).contains("'every day'"));
  }

  @Test
  void from_rejectsAMalformedEmailRoleNameConcurrencyAndAccount() {
    context.put(CloudledgerContext.ALARM_EMAIL, "ops-at-example");
    context.put(CloudledgerContext.MEMBER_ROLE_NAME, "role/with/slashes");
    context.put(CloudledgerContext.WORKER_MAX_CONCURRENCY, "1");
    context.put(CloudledgerContext.CENTRAL_ACCOUNT, "abc");

    assertThat(problems())
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("context 'alarmEmail'"))
        .anySatisfy(p -> assertThat(p).startsWith("context 'memberRoleName'"))
        .anySatisfy(p -> assertThat(p).startsWith("context 'workerMaxConcurrency'"))
        .anySatisfy(p -> assertThat(p).startsWith("context 'centralAccount'"));
  }

  @Test
  void from_whenARoleJarIsMissing_namesIt_andSaysHowToBuildIt() throws IOException {
    Files.delete(dir.resolve("lambda").resolve(LambdaArtifact.Jar.ROTATION.fileName()));

    assertThat(problems())
        .singleElement()
        .asString()
        .contains(dir.resolve("lambda").toString())
        .contains("does not hold aws-lambda-0.1.0-SNAPSHOT-rotation.jar:")
        .doesNotContain("worker.jar")
        .contains("package");
  }

  @Test
  void from_whenAKeyIsMisspelt_reportsIt_butIgnoresTheCdksOwnKeys() {
    context.put("memberAccount", "111111111111");
    context.put("@aws-cdk/core:newStyleStackSynthesis", true);
    context.put("aws:cdk:enable-path-metadata", true);

    assertThat(problems())
        .singleElement()
        .asString()
        .startsWith("context 'memberAccount' is not a parameter of this app");
  }

  @Test
  void from_reportsEveryProblemAtOnce() {
    context.remove(CloudledgerContext.EXTERNAL_ID);
    context.put(CloudledgerContext.ALARM_EMAIL, "nope");
    context.put(CloudledgerContext.LAMBDA_JAR_DIRECTORY, "missing");

    InvalidContextException error = invalid();
    assertThat(error.problems()).hasSize(3);
    assertThat(error.getMessage())
        .startsWith("cloudledger cannot synthesize:")
        .contains("externalId", "alarmEmail", "lambdaJarDirectory");
  }

  private List<String> problems() {
    return invalid().problems();
  }

  private InvalidContextException invalid() {
    InvalidContextException error =
        catchThrowableOfType(
            InvalidContextException.class, () -> CloudledgerContext.from(context, dir));
    assertThat(error).as("expected the context to be rejected").isNotNull();
    return error;
  }
}
