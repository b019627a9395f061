package io.cloudledger.gcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.HealthCheck;
import io.cloudledger.gcp.health.GcpProjectProbe;
import io.cloudledger.gcp.session.GcpClients;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.GcpProject;
import io.cloudledger.sandbox.fault.FaultPlan;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code accounts check} for GCP: a denied list names the exact missing permission. */
class GcpProjectProbeTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox =
        Sandbox.start(
            SandboxOptions.defaults()
                .withAccounts(1)
                .withResourcesPerAccount(8)
                .withGcpProjects(2));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.faults().replace(FaultPlan.none());
  }

  private static AccountHealth check(GcpProject project) {
    try (GcpClients clients =
        GcpClients.create(
            SandboxGcp.session(sandbox, List.of(project)),
            SandboxGcp.resolver(sandbox.gcpServiceAccountKey()),
            SandboxGcp.FAST.clients())) {
      return new GcpProjectProbe(clients, SandboxGcp.key(project)).check();
    }
  }

  @Test
  void check_readableProject_isHealthy() {
    AccountHealth health = check(sandbox.estate().gcp().projects().get(0));

    assertThat(health.healthy()).as(health.toString()).isTrue();
    assertThat(health.checks())
        .extracting(HealthCheck::name)
        .containsExactly(
            "credentials",
            "compute.instances.list",
            "compute.networks.list",
            "compute.subnetworks.list");
  }

  @Test
  void check_deniedInstances_namesThePermission() {
    GcpProject project = sandbox.estate().gcp().projects().get(1);
    sandbox
        .faults()
        .replace(FaultPlan.parse("instances.aggregatedList@" + project.projectId() + ":deny"));

    AccountHealth health = check(project);

    assertThat(health.missingPermissions()).containsExactly("compute.instances.list");
    assertThat(health.failures()).isEmpty();
  }
}
