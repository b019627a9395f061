package io.cloudledger.core.config;

import java.util.List;

/**
 * A GCP session. An empty {@code projectIds} means "discover": the projects under {@code
 * discovery}'s parents ({@code organizations/N}, {@code folders/N}, recursively), or every project
 * the credential can see when no parent is given, less skipped folders and projects; {@code
 * endpointUrl} is {@link ConfigValue.Unset} unless overridden. {@code billingExportTable} ({@code
 * billing_export_table: project.dataset.gcp_billing_export_v1_XXXX}) names the BigQuery table of a
 * Cloud Billing export: this session then syncs the cost of every project in that export.
 */
public record GcpSession(
    ValueOrigin origin,
    String name,
    GcpCredentials credentials,
    List<ConfigValue> projectIds,
    ConfigValue endpointUrl,
    DiscoveryRules discovery,
    ConfigValue billingExportTable)
    implements CloudSession {

  /** A session without discovery rules or billing export. */
  public GcpSession(
      ValueOrigin origin,
      String name,
      GcpCredentials credentials,
      List<ConfigValue> projectIds,
      ConfigValue endpointUrl) {
    this(
        origin,
        name,
        credentials,
        projectIds,
        endpointUrl,
        DiscoveryRules.none(),
        new ConfigValue.Unset(origin));
  }

  public GcpSession {
    projectIds = List.copyOf(projectIds);
    java.util.Objects.requireNonNull(discovery, "discovery");
    java.util.Objects.requireNonNull(billingExportTable, "billingExportTable");
  }

  @Override
  public SessionType type() {
    return SessionType.GCP;
  }
}
