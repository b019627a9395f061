package io.cloudledger.core.config;

/**
 * One entry of {@code secrets_manager.cloud_stores}. Optional settings ({@code prefix}, AWS {@code
 * region}, Vault {@code token}, {@code namespace}) are {@link ConfigValue.Unset} when not given.
 */
public sealed interface CloudStoreConfig extends StoreConfig
    permits CloudStoreConfig.AwsSecretsManager,
        CloudStoreConfig.AzureKeyVault,
        CloudStoreConfig.GcpSecretManager,
        CloudStoreConfig.HashiCorpVault {

  /** The default priority of a cloud store that does not give one: after both keystores. */
  int DEFAULT_PRIORITY = 100;

  ValueOrigin origin();

  StoreType type();

  /** A prefix prepended to secret names in this store. */
  ConfigValue prefix();

  /** AWS Secrets Manager; {@code region} defaults to the session's region. */
  record AwsSecretsManager(
      ValueOrigin origin,
      String name,
      int priority,
      String sessionName,
      ConfigValue region,
      ConfigValue prefix)
      implements CloudStoreConfig {
    @Override
    public StoreType type() {
      return StoreType.AWS;
    }

    @Override
    public String describe() {
      return "aws (session " + sessionName + ")";
    }
  }

  /** Azure Key Vault at {@code vaultUrl}. */
  record AzureKeyVault(
      ValueOrigin origin,
      String name,
      int priority,
      String sessionName,
      ConfigValue vaultUrl,
      ConfigValue prefix)
      implements CloudStoreConfig {
    @Override
    public StoreType type() {
      return StoreType.AZURE;
    }

    @Override
    public String describe() {
      return "azure (session " + sessionName + ")";
    }
  }

  /** GCP Secret Manager in {@code projectId}. */
  record GcpSecretManager(
      ValueOrigin origin,
      String name,
      int priority,
      String sessionName,
      ConfigValue projectId,
      ConfigValue prefix)
      implements CloudStoreConfig {
    @Override
    public StoreType type() {
      return StoreType.GCP;
    }

    @Override
    public String describe() {
      return "gcp (session " + sessionName + ")";
    }
  }

  /** HashiCorp Vault's KV engine at {@code address}, mounted at {@code mount}. */
  record HashiCorpVault(
      ValueOrigin origin,
      String name,
      int priority,
      ConfigValue address,
      ConfigValue token,
      ConfigValue mount,
      ConfigValue namespace,
      ConfigValue prefix)
      implements CloudStoreConfig {
    @Override
    public StoreType type() {
      return StoreType.VAULT;
    }

    @Override
    public String describe() {
      return "vault";
    }
  }
}
