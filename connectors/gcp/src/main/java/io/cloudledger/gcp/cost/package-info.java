/**
 * GCP daily costs from the Cloud Billing export in BigQuery: {@link
 * io.cloudledger.gcp.cost.GcpBillingExportCostSource}, one parameterized query per export for all
 * its projects.
 */
package io.cloudledger.gcp.cost;
