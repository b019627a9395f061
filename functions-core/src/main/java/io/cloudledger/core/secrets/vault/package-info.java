/**
 * HashiCorp Vault's KV version 2 engine as a {@link io.cloudledger.core.secrets.SecretStore}, over
 * Vault's HTTP API with the JDK's HTTP client (no cloud SDK, so it lives in the core).
 */
package io.cloudledger.core.secrets.vault;
