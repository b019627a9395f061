package io.cloudledger.cli;

import io.cloudledger.azure.secrets.AzureKeyVaultStore;
import io.cloudledger.azure.secrets.GraphApplications;
import io.cloudledger.azure.secrets.KeyVaultRotations;
import io.cloudledger.azure.secrets.ServicePrincipalSecretTarget;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SessionType;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The Azure Key Vault stores of {@code secrets_manager.cloud_stores} ({@code store_type: azure}):
 * each signs in with the credential of its {@code session_name} and reads the vault at its {@code
 * vault_url} under its optional {@code prefix}. Clients are opened once per session and live as
 * long as the command.
 */
final class AzureSecretStores {
  private final CloudledgerConfig config;
  private final ConfigResolver resolver;
  private final Map<String, AzureClients> clientsBySession = new HashMap<>();

  AzureSecretStores(CloudledgerConfig config, ConfigResolver resolver) {
    this.config = config;
    this.resolver = resolver;
  }

  AzureKeyVaultStore store(CloudStoreConfig.AzureKeyVault store) {
    return AzureKeyVaultStore.create(
        store.name(),
        store.priority(),
        resolver.resolveOptionalText(store.prefix()).orElse(""),
        resolver.resolveUrl(store.vaultUrl()),
        clients(store.sessionName()));
  }

  /**
   * Rotations of the secrets in {@code store}; an {@code azure-sp-secret} target calls Graph with
   * the credential of the session its {@code cloudledger:session} tag names (default: the store's).
   * Graph is Microsoft's public one, or the session's own endpoint when that is a local plain-http
   * one (the sandbox serves ARM and Graph on one base URL).
   */
  KeyVaultRotations rotations(CloudStoreConfig.AzureKeyVault store, Clock clock) {
    return new KeyVaultRotations(
        store(store),
        (session, grace) -> {
          AzureClients target = clients(session.orElse(store.sessionName()));
          URI graph = target.endpoints().plainHttp().orElse(GraphApplications.PUBLIC_GRAPH);
          return new ServicePrincipalSecretTarget(
              GraphApplications.create(target, graph),
              ServicePrincipalSecretTarget.tokenProbe(target),
              clock,
              ServicePrincipalSecretTarget.Settings.withGracePeriod(grace));
        });
  }

  /** The clients of the Azure session {@code sessionName}, opened on first use. */
  AzureClients clients(String sessionName) {
    return clientsBySession.computeIfAbsent(
        sessionName,
        name -> {
          AzureSession session =
              config.sessions(SessionType.AZURE).stream()
                  .filter(s -> s.name().equals(name))
                  .map(AzureSession.class::cast)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          CliException.usage(
                              "no Azure session named '" + name + "' in cloud_sessions"));
          return AzureClients.create(session, resolver, AzureClientSettings.defaults());
        });
  }
}
