package io.cloudledger.azure.secrets;

import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreContract;
import io.cloudledger.core.secrets.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The secret store contract for {@link AzureKeyVaultStore}: the real {@code SecretClient} and
 * {@code ClientSecretCredential} against the sandbox's Key Vault, with and without a name prefix.
 */
class AzureSecretStoresConformanceTest extends SecretStoreContract {
  private static final AtomicInteger ISOLATION = new AtomicInteger();
  private static final List<SandboxKeyVault> OWN_VAULTS = new ArrayList<>();
  private static SandboxKeyVault azure;

  @BeforeAll
  static void start() {
    azure = new SandboxKeyVault();
  }

  @AfterAll
  static void stop() {
    azure.close();
    OWN_VAULTS.forEach(SandboxKeyVault::close);
  }

  @Override
  protected Stream<Kind> stores() {
    return Stream.of(
        new Kind("azure key vault", secrets -> keyVault(false, secrets)),
        new Kind("azure key vault with prefix", secrets -> keyVault(true, secrets)));
  }

  private static SecretStore keyVault(boolean withPrefix, Map<String, SecretValue> secrets) {
    AzureKeyVaultStore store;
    if (withPrefix) {
      // Stores with a prefix share the vault; each gets a prefix of its own.
      String prefix = "team" + ISOLATION.incrementAndGet() + "-";
      store = AzureKeyVaultStore.create("azure_kv", 120, prefix, azure.vaultUrl(), azure.clients);
    } else {
      // A store without a prefix sees the whole vault, and a sandbox has one vault (its host):
      // each such store gets a sandbox of its own.
      SandboxKeyVault own = new SandboxKeyVault();
      OWN_VAULTS.add(own);
      store = AzureKeyVaultStore.create("azure_kv", 120, "", own.vaultUrl(), own.clients);
    }
    secrets.forEach(store::set);
    return store;
  }
}
