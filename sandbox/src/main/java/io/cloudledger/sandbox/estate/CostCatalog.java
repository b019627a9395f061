package io.cloudledger.sandbox.estate;

import java.util.List;
import java.util.Objects;

/**
 * What one cloud bills the estate for: its service names as its billing API spells them, each
 * service's largest daily amount in cents, and the currency. A {@link CostLedger} draws from it.
 */
public record CostCatalog(
    String provider, List<String> services, List<Long> maxCents, String currency) {

  /** Cost Explorer's service names; EC2 dominates, KMS is pocket money. */
  public static final CostCatalog AWS =
      new CostCatalog(
          "aws",
          List.of(
              "Amazon Elastic Compute Cloud - Compute",
              "EC2 - Other",
              "Amazon Simple Storage Service",
              "Amazon Virtual Private Cloud",
              "AWS Lambda",
              "Amazon DynamoDB",
              "AmazonCloudWatch",
              "AWS Key Management Service",
              "Tax"),
          List.of(40_000L, 6_000L, 8_000L, 3_000L, 2_500L, 4_000L, 1_500L, 300L, 900L),
          "USD");

  /** Cost Management's {@code ServiceName} values. */
  public static final CostCatalog AZURE =
      new CostCatalog(
          "azure",
          List.of(
              "Virtual Machines",
              "Storage",
              "Virtual Network",
              "Bandwidth",
              "Azure Monitor",
              "Key Vault",
              "Load Balancer",
              "Azure DNS"),
          List.of(30_000L, 5_000L, 2_000L, 1_200L, 1_800L, 200L, 900L, 100L),
          "USD");

  /** The billing export's {@code service.description} values. */
  public static final CostCatalog GCP =
      new CostCatalog(
          "gcp",
          List.of(
              "Compute Engine",
              "Cloud Storage",
              "BigQuery",
              "Networking",
              "Cloud Logging",
              "Cloud SQL",
              "Secret Manager"),
          List.of(25_000L, 4_000L, 6_000L, 1_500L, 800L, 7_000L, 100L),
          "USD");

  public CostCatalog {
    Objects.requireNonNull(provider, "provider");
    services = List.copyOf(services);
    maxCents = List.copyOf(maxCents);
    Objects.requireNonNull(currency, "currency");
    if (services.isEmpty() || services.size() != maxCents.size()) {
      throw new IllegalArgumentException("a catalog needs one maximum per service");
    }
  }

  long maxCents(int service) {
    return maxCents.get(service);
  }
}
