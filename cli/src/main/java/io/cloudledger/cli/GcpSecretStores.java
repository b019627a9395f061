package io.cloudledger.cli;

import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.gcp.secrets.GcpSecretManagerClients;
import io.cloudledger.gcp.secrets.GcpSecretManagerStore;

/**
 * The GCP Secret Manager stores of {@code secrets_manager.cloud_stores} ({@code store_type: gcp}):
 * each uses the credential and {@code endpoint_url} of its {@code session_name}, its {@code
 * project_id} (default: the session's first project) and its {@code prefix}.
 */
final class GcpSecretStores {
  private GcpSecretStores() {}

  static GcpSecretManagerStore open(
      CloudStoreConfig.GcpSecretManager store, CloudledgerConfig config, ConfigResolver resolver) {
    GcpSession session =
        config.sessions(SessionType.GCP).stream()
            .filter(s -> s.name().equals(store.sessionName()))
            .map(GcpSession.class::cast)
            .findFirst()
            .orElseThrow(
                () ->
                    CliException.usage(
                        "no GCP session named '" + store.sessionName() + "' in cloud_sessions"));
    return GcpSecretManagerClients.open(store, session, resolver);
  }
}
