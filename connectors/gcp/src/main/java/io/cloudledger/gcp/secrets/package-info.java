/**
 * GCP secrets: {@link io.cloudledger.gcp.secrets.GcpSecretManagerStore} (a secret store over Secret
 * Manager, HTTP/JSON transport) and the service-account key rotation target.
 */
package io.cloudledger.gcp.secrets;
