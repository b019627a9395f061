package io.cloudledger.gcp.secrets;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigLoader;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.gcp.session.GcpClients;
import io.cloudledger.sandbox.Sandbox;
import io.cloudledger.sandbox.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox with two GCP projects and the configuration a user writes for a Secret Manager store on
 * it: a GCP session whose key is a {@code SEC/} secret and a {@code store_type: gcp} entry.
 */
final class SandboxSecrets implements AutoCloseable {
  static final String KEY_SECRET = "gcp_sa_key";

  final Sandbox sandbox =
      Sandbox.start(
          SandboxOptions.defaults().withAccounts(1).withGcpProjects(2).withResourcesPerAccount(5));

  String project(int index) {
    return sandbox.estate().gcp().projects().get(index).projectId();
  }

  /** The configuration with one GCP session and one store on {@code project}. */
  CloudledgerConfig config(String project, String prefix) {
    String yaml =
        """
        cloud_sessions:
          - name: gcp_sandbox
            session_type: gcp
            credentials: SEC/%s
            project_ids: [%s]
            endpoint_url: %s
        secrets_manager:
          cloud_stores:
            gcp_secrets:
              store_type: gcp
              priority: 120
              session_name: gcp_sandbox
              project_id: %s
        %s
        """
            .formatted(
                KEY_SECRET,
                project,
                sandbox.gcpEndpoint(),
                project,
                prefix.isEmpty() ? "" : "      prefix: " + prefix);
    return ConfigLoader.parse(yaml, Path.of("test-cloudledger.yaml"));
  }

  ConfigResolver resolver() {
    String key = sandbox.gcpServiceAccountKey();
    return new ConfigResolver(
        Map.of(),
        name -> name.equals(KEY_SECRET) ? Optional.of(SecretValue.of(key)) : Optional.empty());
  }

  /** The store the configuration describes, through the real client against the sandbox. */
  GcpSecretManagerStore store(String project, String prefix) {
    CloudledgerConfig config = config(project, prefix);
    GcpSession session = (GcpSession) config.sessions(SessionType.GCP).getFirst();
    CloudStoreConfig.GcpSecretManager store =
        (CloudStoreConfig.GcpSecretManager)
            config.secretsManager().cloudStore("gcp_secrets").orElseThrow();
    return GcpSecretManagerClients.open(store, session, resolver());
  }

  /**
   * A Secret Manager client with the sandbox's key, as {@link GcpSecretManagerClients} builds it.
   */
  SecretManagerServiceClient client() {
    try {
      return GcpSecretManagerClients.create(
          ServiceAccountCredentials.fromStream(
                  new ByteArrayInputStream(
                      sandbox.gcpServiceAccountKey().getBytes(StandardCharsets.UTF_8)))
              .createScoped(GcpClients.CLOUD_PLATFORM),
          Optional.of(sandbox.gcpEndpoint()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
