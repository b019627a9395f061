package io.cloudledger.azure.inventory;

import io.cloudledger.azure.session.AzureClientSettings;
import java.util.Objects;

/**
 * How {@link AzureInventorySource} lists a subscription.
 *
 * @param parallelism listings (resource types) running at once per subscription, so one
 *     subscription stays within ARM's read budget
 * @param clients retries and timeouts of the ARM clients
 */
public record AzureSourceSettings(int parallelism, AzureClientSettings clients) {

  public AzureSourceSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    Objects.requireNonNull(clients, "clients");
  }

  /** 4 listings at once per subscription, {@link AzureClientSettings#defaults()}. */
  public static AzureSourceSettings defaults() {
    return new AzureSourceSettings(4, AzureClientSettings.defaults());
  }

  public AzureSourceSettings withParallelism(int listings) {
    return new AzureSourceSettings(listings, clients);
  }

  public AzureSourceSettings withClients(AzureClientSettings settings) {
    return new AzureSourceSettings(parallelism, settings);
  }
}
