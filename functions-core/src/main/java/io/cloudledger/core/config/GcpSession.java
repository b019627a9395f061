package io.cloudledger.core.config;

import java.util.List;

/**
 * A GCP session. An empty {@code projectIds} means every project the credential can see; {@code
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
    ConfigValue billingExportTable)
    implements CloudSession {

  public GcpSession {
    projectIds = List.copyOf(projectIds);
  }

  @Override
  public SessionType type() {
    return SessionType.GCP;
  }
}
