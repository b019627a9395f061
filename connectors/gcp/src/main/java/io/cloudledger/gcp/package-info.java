/** GCP connector: Compute Engine, BigQuery billing export and Secret Manager. */
package io.cloudledger.gcp;
