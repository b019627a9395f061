/**
 * Secrets: the {@link io.cloudledger.core.secrets.SecretStore} port, the {@link
 * io.cloudledger.core.secrets.SecretsManager} that asks stores in priority order, the read-only
 * environment store, and the import of a plain-text secrets file.
 */
package io.cloudledger.core.secrets;
