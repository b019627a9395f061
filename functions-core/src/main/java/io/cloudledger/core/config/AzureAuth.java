package io.cloudledger.core.config;

/** How an Azure session authenticates. */
public sealed interface AzureAuth
    permits AzureAuth.ClientSecret, AzureAuth.ManagedIdentity, AzureAuth.DefaultCredential {

  /** A service principal's secret, with the session's tenant and client id. */
  record ClientSecret(ConfigValue clientSecret) implements AzureAuth {}

  /** A managed identity; {@code clientId} is {@link ConfigValue.Unset} for the system identity. */
  record ManagedIdentity(ConfigValue clientId) implements AzureAuth {}

  /** Azure's DefaultAzureCredential chain, used when no other way is configured. */
  record DefaultCredential() implements AzureAuth {}
}
