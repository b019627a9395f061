package io.cloudledger.gcp.health;

import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.AggregatedListSubnetworksRequest;
import com.google.cloud.compute.v1.ListNetworksRequest;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.AccountProbe;
import io.cloudledger.core.health.HealthCheck;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.gcp.session.GcpClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Checks one GCP project of a session: the credentials get a token ({@code credentials}), then each
 * Compute permission the connector uses with one list call of at most one result. A 403 names the
 * exact missing permission ({@code compute.instances.list}...).
 */
public final class GcpProjectProbe implements AccountProbe {
  /** The IAM permissions the connector needs in a project, in the order they are probed. */
  public static final List<String> PERMISSIONS =
      List.of("compute.instances.list", "compute.networks.list", "compute.subnetworks.list");

  private final GcpClients clients;
  private final AccountKey project;

  public GcpProjectProbe(GcpClients clients, AccountKey project) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.project = Objects.requireNonNull(project, "project");
  }

  static Map<String, BiConsumer<GcpClients, String>> probes() {
    Map<String, BiConsumer<GcpClients, String>> probes = new LinkedHashMap<>();
    probes.put(
        PERMISSIONS.get(0),
        (c, id) ->
            c.instances()
                .aggregatedListCallable()
                .call(
                    AggregatedListInstancesRequest.newBuilder()
                        .setProject(id)
                        .setMaxResults(1)
                        .setReturnPartialSuccess(true)
                        .build()));
    probes.put(
        PERMISSIONS.get(1),
        (c, id) ->
            c.networks()
                .listCallable()
                .call(ListNetworksRequest.newBuilder().setProject(id).setMaxResults(1).build()));
    probes.put(
        PERMISSIONS.get(2),
        (c, id) ->
            c.subnetworks()
                .aggregatedListCallable()
                .call(
                    AggregatedListSubnetworksRequest.newBuilder()
                        .setProject(id)
                        .setMaxResults(1)
                        .setReturnPartialSuccess(true)
                        .build()));
    return probes;
  }

  @Override
  public AccountHealth check() {
    List<HealthCheck> checks = new ArrayList<>();
    try {
      clients.authenticate();
      checks.add(HealthCheck.ok("credentials"));
    } catch (CloudledgerException e) {
      checks.add(HealthCheck.failed("credentials", e.getMessage()));
      return new AccountHealth(project.value(), clients.sessionName(), checks);
    }
    Map<String, BiConsumer<GcpClients, String>> probes = probes();
    for (String permission : PERMISSIONS) {
      try {
        clients.call(
            permission,
            project.value(),
            () -> {
              probes.get(permission).accept(clients, project.accountId());
              return null;
            });
        checks.add(HealthCheck.ok(permission));
      } catch (CloudledgerException e) {
        if (e.reason().equals("forbidden")) {
          checks.add(HealthCheck.missing(permission, e.getMessage()));
        } else {
          checks.add(HealthCheck.failed(permission, e.getMessage()));
        }
      }
    }
    return new AccountHealth(project.value(), clients.sessionName(), checks);
  }
}
