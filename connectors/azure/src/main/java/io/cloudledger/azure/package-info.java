/** Azure connector: ARM compute, storage and network, Cost Management and Key Vault. */
package io.cloudledger.azure;
