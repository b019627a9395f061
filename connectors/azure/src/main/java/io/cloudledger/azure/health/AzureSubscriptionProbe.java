package io.cloudledger.azure.health;

import com.azure.core.util.Context;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.AzureErrors;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.AccountProbe;
import io.cloudledger.core.health.HealthCheck;
import io.cloudledger.core.model.AccountKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks one Azure subscription of a session: the principal signs in ({@code credentials}), the
 * subscription is visible to it ({@code Microsoft.Resources/subscriptions/read}), then each read
 * permission the connector uses with the first page of its list call. A 403 {@code
 * AuthorizationFailed} names the exact missing action.
 */
public final class AzureSubscriptionProbe implements AccountProbe {
  /** The ARM actions the connector needs in a subscription, in the order they are probed. */
  public static final List<String> PERMISSIONS =
      List.of(
          "Microsoft.Compute/virtualMachines/read",
          "Microsoft.Storage/storageAccounts/read",
          "Microsoft.Network/virtualNetworks/read");

  private static final Set<String> DENIED = Set.of("AuthorizationFailed", "Forbidden", "HTTP403");

  private final AzureClients clients;
  private final AccountKey subscription;
  private final String source;

  public AzureSubscriptionProbe(AzureClients clients, AccountKey subscription, String source) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.subscription = Objects.requireNonNull(subscription, "subscription");
    this.source = Objects.requireNonNull(source, "source");
  }

  static Map<String, BiConsumer<AzureClients, String>> probes() {
    Map<String, BiConsumer<AzureClients, String>> probes = new LinkedHashMap<>();
    probes.put(
        PERMISSIONS.get(0),
        (c, id) ->
            c.compute(id)
                .serviceClient()
                .getVirtualMachines()
                .list("true", null, null, Context.NONE)
                .iterableByPage()
                .iterator()
                .next());
    probes.put(
        PERMISSIONS.get(1),
        (c, id) ->
            c.storage(id)
                .serviceClient()
                .getStorageAccounts()
                .list(Context.NONE)
                .iterableByPage()
                .iterator()
                .next());
    probes.put(
        PERMISSIONS.get(2),
        (c, id) ->
            c.network(id)
                .serviceClient()
                .getVirtualNetworks()
                .list(Context.NONE)
                .iterableByPage()
                .iterator()
                .next());
    return probes;
  }

  @Override
  public AccountHealth check() {
    List<HealthCheck> checks = new ArrayList<>();
    String id = subscription.accountId();
    try {
      clients.verifyCredential();
      checks.add(HealthCheck.ok("credentials"));
    } catch (CloudledgerException e) {
      checks.add(HealthCheck.failed("credentials", e.getMessage()));
      return new AccountHealth(subscription.value(), source, checks);
    }
    Map<String, BiConsumer<AzureClients, String>> probes = probes();
    for (String permission : PERMISSIONS) {
      try {
        probes.get(permission).accept(clients, id);
        checks.add(HealthCheck.ok(permission));
      } catch (RuntimeException e) {
        CloudledgerException mapped =
            AzureErrors.map(e, operation(permission), subscription.value());
        if (DENIED.contains(mapped.reason())
            || mapped.getMessage().contains("AuthorizationFailed")) {
          checks.add(HealthCheck.missing(permission, mapped.getMessage()));
        } else if (mapped.getMessage().contains("SubscriptionNotFound")) {
          checks.add(
              HealthCheck.failed(
                  "Microsoft.Resources/subscriptions/read",
                  "the subscription is not visible to the principal: " + mapped.getMessage()));
          break;
        } else {
          checks.add(HealthCheck.failed(permission, mapped.getMessage()));
        }
      }
    }
    return new AccountHealth(subscription.value(), source, checks);
  }

  private static String operation(String permission) {
    return switch (permission) {
      case "Microsoft.Compute/virtualMachines/read" -> "VirtualMachines_ListAll";
      case "Microsoft.Storage/storageAccounts/read" -> "StorageAccounts_List";
      default -> "VirtualNetworks_ListAll";
    };
  }
}
