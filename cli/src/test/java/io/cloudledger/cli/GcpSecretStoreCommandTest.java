package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudledger.core.secrets.SecretsManager;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code secrets} with a {@code store_type: gcp} cloud store, against the sandbox's Secret Manager.
 */
class GcpSecretStoreCommandTest {
  private static final String VALUE = "gcp-held-value-Xk42";

  @TempDir Path home;
  Sandbox sandbox;
  String project;

  @BeforeEach
  void start() throws IOException {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withGcpProjects(1)
                .withResourcesPerAccount(4));
    project = sandbox.estate().gcp().projects().getFirst().projectId();
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        """
        cloud_sessions:
          - name: gcp_main
            session_type: gcp
            credentials: ENV/GCP_SA_KEY
            project_ids: [%s]
            endpoint_url: %s
        secrets_manager:
          cloud_stores:
            gcp_secrets: { store_type: gcp, priority: 120, session_name: gcp_main, project_id: %s, prefix: cl- }
        """
            .formatted(project, sandbox.gcpEndpoint(), project));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  CliRunner cli() {
    return new CliRunner(home)
        .env("CLOUDLEDGER_KEYSTORE_PASSWORD", "keystore-password")
        .env("GCP_SA_KEY", sandbox.gcpServiceAccountKey());
  }

  @Test
  void setGetListHealth_throughTheGcpStore_withTheSessionsCredential() {
    CliRunner.Result set =
        cli()
            .stdin(VALUE + "\n")
            .run("secrets", "set", "db_password", "--value-stdin", "--store", "gcp_secrets");
    assertThat(set.exitCode()).as(set.stderr()).isZero();

    CliRunner.Result get = cli().run("secrets", "get", "db_password");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout()).contains(VALUE);

    CliRunner.Result list = cli().run("secrets", "list");
    assertThat(list.stdout()).contains("db_password").contains("gcp_secrets");

    CliRunner.Result health = cli().run("secrets", "health");
    assertThat(health.stdout())
        .contains("gcp_secrets")
        .contains("Secret Manager answers for project " + project + ", prefix cl-");

    for (CliRunner.Result result : new CliRunner.Result[] {set, list, health}) {
      assertThat(result.all()).doesNotContain(VALUE).doesNotContain("PRIVATE KEY");
    }
    // The first addVersion finds no secret (404), so the store creates it and adds again.
    assertThat(sandbox.counters().calls("secretmanager.secrets.create", project)).isEqualTo(1);
    assertThat(sandbox.counters().calls("secretmanager.versions.add", project)).isEqualTo(2);
  }

  @Test
  void failingStoreWithABackup_writesTheBackupKeystore_warningNamesBoth_neverTheValue()
      throws IOException {
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        Files.readString(home.resolve("cloudledger.yaml"))
            .replace("prefix: cl- }", "prefix: cl-, backup: keystore-user }"));
    sandbox.faults().replace(FaultPlan.parse("secretmanager.versions.add:error5xx=1"));

    // The warning is a log line (stderr in a real run); capture it from the logger.
    Logger logger = (Logger) LoggerFactory.getLogger(SecretsManager.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    CliRunner.Result set;
    try {
      set =
          cli()
              .stdin(VALUE + "\n")
              .run("secrets", "set", "db_password", "--value-stdin", "--store", "gcp_secrets");
    } finally {
      logger.detachAppender(log);
    }

    assertThat(set.exitCode()).as(set.stderr()).isZero();
    assertThat(set.stderr())
        .contains(
            "stored secret 'db_password' in keystore-user (the backup store of 'gcp_secrets',"
                + " which failed)");
    String warnings =
        String.join(
            "\n",
            log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
    assertThat(warnings)
        .contains(
            "WARN secret store 'gcp_secrets' failed while writing secret 'db_password'; writing it"
                + " to backup store 'keystore-user'")
        .doesNotContain(VALUE);
    assertThat(set.all()).doesNotContain(VALUE);
    sandbox.faults().replace(FaultPlan.none());
    CliRunner.Result get = cli().run("secrets", "get", "db_password", "--store", "keystore-user");
    assertThat(get.stdout()).contains(VALUE);
    assertThat(cli().run("secrets", "get", "db_password", "--store", "gcp_secrets").exitCode())
        .isNotZero();
  }

  @Test
  void failingStoreWithoutABackup_failsTheWrite_andStoresNothingLocally() {
    sandbox.faults().replace(FaultPlan.parse("secretmanager.versions.add:error5xx=1"));

    CliRunner.Result set =
        cli()
            .stdin(VALUE + "\n")
            .run("secrets", "set", "db_password", "--value-stdin", "--store", "gcp_secrets");

    assertThat(set.exitCode()).isNotZero();
    assertThat(set.stderr()).contains("gcp_secrets").doesNotContain("keystore-user");
    assertThat(set.all()).doesNotContain(VALUE);
  }

  @Test
  void missingKey_skipsTheStoreWithAWarning_localStoresStillWork() throws IOException {
    Files.writeString(
        home.resolve("cloudledger.yaml"),
        Files.readString(home.resolve("cloudledger.yaml")).replace("ENV/GCP_SA_KEY", "ENV/NOPE"));

    CliRunner.Result list = cli().run("secrets", "list");

    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stderr()).contains("secret store 'gcp_secrets' skipped");
  }
}
