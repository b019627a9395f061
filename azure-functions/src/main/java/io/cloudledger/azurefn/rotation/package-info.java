/** Key Vault secret rotation on Event Grid's {@code SecretNearExpiry} events. */
package io.cloudledger.azurefn.rotation;
