package io.cloudledger.cli;

import io.cloudledger.aws.secrets.AwsSecretsManagerStore;
import io.cloudledger.aws.secrets.IamAccessKeyTarget;
import io.cloudledger.aws.secrets.SecretsManagerRotations;
import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.aws.session.AwsClients;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.gcp.secrets.GcpServiceAccountKeyTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS Secrets Manager stores of {@code secrets_manager.cloud_stores} ({@code store_type: aws}):
 * each uses the clients of its {@code session_name}, its {@code region} (default: the session's)
 * and its {@code prefix}. Clients are opened once per session and live as long as the command.
 */
final class AwsSecretStores {
  private final CloudledgerConfig config;
  private final ConfigResolver resolver;
  private final Map<String, AwsClients> clientsBySession = new HashMap<>();

  AwsSecretStores(CloudledgerConfig config, ConfigResolver resolver) {
    this.config = config;
    this.resolver = resolver;
  }

  AwsSecretsManagerStore store(CloudStoreConfig.AwsSecretsManager store) {
    AwsClients clients = clients(store.sessionName());
    String region = resolver.resolveOptionalText(store.region()).orElse(clients.homeRegion());
    String prefix = resolver.resolveOptionalText(store.prefix()).orElse("");
    return new AwsSecretsManagerStore(
        store.name(), store.priority(), prefix, clients.secretsManager(region));
  }

  /**
   * Rotations of the secrets in {@code store}; an {@code aws-iam-key} target calls IAM and STS at
   * the endpoints of the session its {@code cloudledger:session} tag names (default: the store's).
   */
  SecretsManagerRotations rotations(CloudStoreConfig.AwsSecretsManager store, Clock clock) {
    AwsClients storeClients = clients(store.sessionName());
    String region = resolver.resolveOptionalText(store.region()).orElse(storeClients.homeRegion());
    return new SecretsManagerRotations(
        storeClients.secretsManager(region),
        (session, grace) -> {
          AwsClients target = clients(session.orElse(store.sessionName()));
          return new IamAccessKeyTarget(target::iamSignedBy, target::stsSignedBy, clock, grace);
        },
        Map.of(
            GcpServiceAccountKeyTarget.KIND,
            (session, grace) ->
                new GcpServiceAccountKeyTarget(
                    session.map(this::gcpIamEndpoint).orElse(GcpServiceAccountKeyTarget.GOOGLE_IAM),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                    clock,
                    grace)));
  }

  /**
   * The IAM endpoint of GCP session {@code name}: its {@code endpoint_url}, else Google's. The
   * key's own credentials authorize the calls, so only the endpoint comes from the session.
   */
  private URI gcpIamEndpoint(String name) {
    GcpSession session =
        config.sessions(SessionType.GCP).stream()
            .filter(s -> s.name().equals(name))
            .map(GcpSession.class::cast)
            .findFirst()
            .orElseThrow(
                () -> CliException.usage("no GCP session named '" + name + "' in cloud_sessions"));
    return resolver
        .resolveOptionalText(session.endpointUrl())
        .map(URI::create)
        .orElse(GcpServiceAccountKeyTarget.GOOGLE_IAM);
  }

  /** The Secrets Manager client of {@code store}. */
  SecretsManagerClient client(CloudStoreConfig.AwsSecretsManager store) {
    AwsClients clients = clients(store.sessionName());
    return clients.secretsManager(
        resolver.resolveOptionalText(store.region()).orElse(clients.homeRegion()));
  }

  private AwsClients clients(String sessionName) {
    return clientsBySession.computeIfAbsent(
        sessionName,
        name -> {
          AwsSession session =
              config.sessions(SessionType.AWS).stream()
                  .filter(s -> s.name().equals(name))
                  .map(AwsSession.class::cast)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          CliException.usage(
                              "no AWS session named '" + name + "' in cloud_sessions"));
          return AwsClients.create(session, resolver, AwsClientSettings.defaults());
        });
  }
}
