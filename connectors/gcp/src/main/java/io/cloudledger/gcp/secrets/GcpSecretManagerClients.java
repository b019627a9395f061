package io.cloudledger.gcp.secrets;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.gcp.session.GcpClients;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds Secret Manager clients on the HTTP/JSON transport (no gRPC runtime needed) with a
 * session's credential, its {@code endpoint_url} and short retries: a secret store that is down
 * must fail within seconds so the secrets manager can ask the next store, not after the library's
 * default minute of retries.
 */
public final class GcpSecretManagerClients {
  /** Attempts per call (the first included) on UNAVAILABLE and RESOURCE_EXHAUSTED. */
  static final int ATTEMPTS = 3;

  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private GcpSecretManagerClients() {}

  /** A client for {@code credentials} at {@code endpoint} (Google's when empty). */
  public static SecretManagerServiceClient create(
      GoogleCredentials credentials, Optional<URI> endpoint) {
    SecretManagerServiceSettings.Builder settings =
        SecretManagerServiceSettings.newHttpJsonBuilder()
            .setCredentialsProvider(FixedCredentialsProvider.create(credentials));
    endpoint.ifPresent(uri -> settings.setEndpoint(uri.toString()));
    RetrySettings retries =
        RetrySettings.newBuilder()
            .setMaxAttempts(ATTEMPTS)
            .setInitialRetryDelayDuration(Duration.ofMillis(100))
            .setMaxRetryDelayDuration(Duration.ofSeconds(1))
            .setRetryDelayMultiplier(2.0)
            .setInitialRpcTimeoutDuration(ATTEMPT_TIMEOUT)
            .setMaxRpcTimeoutDuration(ATTEMPT_TIMEOUT)
            .setRpcTimeoutMultiplier(1.0)
            .setTotalTimeoutDuration(ATTEMPT_TIMEOUT.multipliedBy(ATTEMPTS))
            .build();
    try {
      settings.applyToAllUnaryMethods(
          method -> {
            method
                .setRetrySettings(retries)
                .setRetryableCodes(
                    Set.of(StatusCode.Code.UNAVAILABLE, StatusCode.Code.RESOURCE_EXHAUSTED));
            return null;
          });
      return SecretManagerServiceClient.create(settings.build());
    } catch (IOException e) {
      throw new PermanentException(
          "client-setup", "cannot create a Secret Manager client: " + e.getMessage(), e);
    }
  }

  /**
   * The store a {@code store_type: gcp} entry configures, with the credential of {@code session}
   * (its {@code session_name}); the project is the entry's {@code project_id}, else the session's
   * first project.
   */
  public static GcpSecretManagerStore open(
      CloudStoreConfig.GcpSecretManager store, GcpSession session, ConfigResolver resolver) {
    String project =
        resolver
            .resolveOptionalText(store.projectId())
            .or(() -> firstProject(session, resolver))
            .orElseThrow(
                () ->
                    new PermanentException(
                        "no-project",
                        "GCP secret store '"
                            + store.name()
                            + "' has no project_id and its session '"
                            + session.name()
                            + "' lists no project_ids"));
    Optional<URI> endpoint = resolver.resolveOptionalText(session.endpointUrl()).map(URI::create);
    return new GcpSecretManagerStore(
        store.name(),
        store.priority(),
        project,
        resolver.resolveOptionalText(store.prefix()).orElse(""),
        create(GcpClients.credentials(session, resolver), endpoint));
  }

  private static Optional<String> firstProject(GcpSession session, ConfigResolver resolver) {
    List<String> projects = resolver.resolveTexts(session.projectIds());
    return projects.stream().findFirst();
  }
}
