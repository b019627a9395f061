package io.cloudledger.azure.secrets;

import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox and the Azure session of its service principal as a user would configure it (secret as
 * a {@code SEC/} reference, the sandbox as ARM endpoint and https authority): the clients every Key
 * Vault and Graph test here signs in with.
 */
final class SandboxKeyVault implements AutoCloseable {
  static final AzureClientSettings FAST =
      AzureClientSettings.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));

  final Sandbox sandbox;
  final AzureClients clients;

  SandboxKeyVault() {
    this.sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(1));
    this.clients = AzureClients.create(session(), resolver(), FAST);
  }

  /** The vault URL of the sandbox's Key Vault: its base URL (the vault is the Host). */
  URI vaultUrl() {
    return sandbox.endpoints().base();
  }

  AzureSession session() {
    String base = sandbox.endpoints().base().toString();
    String yaml =
        "cloud_sessions:\n"
            + "  - name: azure_sandbox\n"
            + "    session_type: azure\n"
            + "    tenant_id: "
            + sandbox.azurePrincipal().tenantId()
            + "\n    client_id: "
            + sandbox.azurePrincipal().clientId()
            + "\n    client_secret: SEC/azure_client_secret\n"
            + "    endpoint_url: "
            + base
            + "\n    authority_host: "
            + base.replace("http://", "https://")
            + "\n";
    CloudledgerConfig config = ConfigLoader.parse(yaml, Path.of("test.yaml"));
    return (AzureSession) config.sessions(SessionType.AZURE).getFirst();
  }

  ConfigResolver resolver() {
    return new ConfigResolver(
        Map.of(),
        name ->
            name.equals("azure_client_secret")
                ? Optional.of(SecretValue.of(sandbox.azurePrincipal().clientSecret()))
                : Optional.empty());
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
