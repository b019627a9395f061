package io.cloudledger.gcp.session;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.GcpCredentials;
import io.cloudledger.core.config.GcpSession;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.ratelimit.ApiBudgets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Compute clients of one GCP session, over HTTP/JSON (Compute has no gRPC transport), sharing
 * one credential: a service-account key ({@code credentials}, usually {@code SEC/...}) or
 * application default credentials, scoped to {@code cloud-platform}. {@link #call} runs one request
 * with the session's retries and counts every attempt. Close it when done.
 */
public final class GcpClients implements AutoCloseable {
  /** The OAuth scope every Compute read needs. */
  public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

  private final String sessionName;
  private final List<AccountKey> projects;
  private final GcpProjectDiscovery discovery;
  private volatile List<AccountKey> discoveredProjects;
  private volatile io.cloudledger.core.discovery.DiscoveryResult lastDiscovery;
  private final GcpClientSettings settings;
  private final GoogleCredentials credentials;
  private final InstancesClient instances;
  private final NetworksClient networks;
  private final SubnetworksClient subnetworks;
  private final AtomicLong apiCalls = new AtomicLong();
  private final Optional<URI> endpoint;

  private GcpClients(
      String sessionName,
      List<AccountKey> projects,
      GcpClientSettings settings,
      GoogleCredentials credentials,
      Optional<URI> endpoint,
      InstancesClient instances,
      NetworksClient networks,
      SubnetworksClient subnetworks,
      GcpProjectDiscovery discovery) {
    this.sessionName = sessionName;
    this.projects = projects;
    this.discovery = discovery;
    this.settings = settings;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.instances = instances;
    this.networks = networks;
    this.subnetworks = subnetworks;
  }

  /** Builds the credential and clients of {@code session}; makes no call yet. */
  public static GcpClients create(
      GcpSession session, ConfigResolver resolver, GcpClientSettings settings) {
    List<String> projectIds = resolver.resolveTexts(session.projectIds());
    List<AccountKey> projects =
        projectIds.stream().distinct().map(id -> AccountKey.of(Provider.GCP, id)).toList();
    GoogleCredentials credentials = credentials(session, resolver);
    Optional<URI> endpoint = resolver.resolveOptionalText(session.endpointUrl()).map(URI::create);
    FixedCredentialsProvider provider = FixedCredentialsProvider.create(credentials);
    RetrySettings once = noRetries(settings.attemptTimeout());
    try {
      InstancesSettings.Builder instancesSettings =
          InstancesSettings.newBuilder().setCredentialsProvider(provider);
      instancesSettings.aggregatedListSettings().setRetrySettings(once).setRetryableCodes(Set.of());
      NetworksSettings.Builder networksSettings =
          NetworksSettings.newBuilder().setCredentialsProvider(provider);
      networksSettings.listSettings().setRetrySettings(once).setRetryableCodes(Set.of());
      SubnetworksSettings.Builder subnetworksSettings =
          SubnetworksSettings.newBuilder().setCredentialsProvider(provider);
      subnetworksSettings
          .aggregatedListSettings()
          .setRetrySettings(once)
          .setRetryableCodes(Set.of());
      endpoint.ifPresent(
          uri -> {
            instancesSettings.setEndpoint(uri.toString());
            networksSettings.setEndpoint(uri.toString());
            subnetworksSettings.setEndpoint(uri.toString());
          });
      return new GcpClients(
          session.name(),
          projects,
          settings,
          credentials,
          endpoint,
          InstancesClient.create(instancesSettings.build()),
          NetworksClient.create(networksSettings.build()),
          SubnetworksClient.create(subnetworksSettings.build()),
          new GcpProjectDiscovery(
              session.name(),
              credentials,
              endpoint.map(URI::toString).orElse(GcpProjectDiscovery.DEFAULT_ENDPOINT),
              session.discovery(),
              settings.attemptTimeout()));
    } catch (IOException e) {
      throw new PermanentException(
          "client-setup",
          "cannot create the Compute clients of GCP session '" + session.name() + "'",
          e);
    }
  }

  /**
   * The session's credential, scoped to {@code cloud-platform}; shared by every client built for
   * the session (Compute here, Secret Manager and IAM in {@code io.cloudledger.gcp.secrets}).
   */
  public static GoogleCredentials credentials(GcpSession session, ConfigResolver resolver) {
    return switch (session.credentials()) {
      case GcpCredentials.ServiceAccountKey key -> {
        byte[] json =
            resolver.resolveSecret(key.keyJson()).reveal().getBytes(StandardCharsets.UTF_8);
        try {
          yield ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json))
              .createScoped(CLOUD_PLATFORM);
        } catch (IOException | RuntimeException e) {
          // The parser's message may quote the key: neither copy nor chain it.
          throw new PermanentException(
              "invalid-credentials",
              "GCP session '"
                  + session.name()
                  + "': credentials is not a valid service-account key JSON ("
                  + e.getClass().getSimpleName()
                  + ")");
        }
      }
      case GcpCredentials.ApplicationDefault adc -> {
        try {
          yield GoogleCredentials.getApplicationDefault().createScoped(CLOUD_PLATFORM);
        } catch (IOException e) {
          throw new PermanentException(
              "no-credentials",
              "GCP session '"
                  + session.name()
                  + "' has no credentials and application default credentials are not"
                  + " available: "
                  + e.getMessage());
        }
      }
    };
  }

  private static RetrySettings noRetries(Duration timeout) {
    return RetrySettings.newBuilder()
        .setMaxAttempts(1)
        .setInitialRpcTimeoutDuration(timeout)
        .setMaxRpcTimeoutDuration(timeout)
        .setRpcTimeoutMultiplier(1.0)
        .setTotalTimeoutDuration(timeout)
        .build();
  }

  /**
   * Gets (or reuses) the access token now, so that bad credentials fail the whole listing before
   * anything is listed: a rejected grant is permanent, an unreachable token endpoint retryable.
   */
  public void authenticate() {
    try {
      credentials.refreshIfExpired();
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      // The token endpoint's error code, e.g. "invalid_grant"; its description is not copied.
      boolean rejected =
          message.contains("invalid_grant")
              || message.contains("invalid_scope")
              || message.contains("unauthorized_client")
              || message.contains("400 Bad Request")
              || message.contains("401 Unauthorized");
      String what = "GCP session '" + sessionName + "' could not get an access token";
      if (rejected) {
        throw new PermanentException("unauthenticated", what + ": the grant was rejected");
      }
      throw new RetryableException("token-unavailable", what + ": " + e.getClass().getSimpleName());
    }
  }

  /** The session's name in {@code cloud_sessions}. */
  public String sessionName() {
    return sessionName;
  }

  /**
   * The projects of the session, as account keys {@code gcp#<projectId>}: those configured, else
   * the ACTIVE ones {@link #discover()} finds (remembered).
   */
  public List<AccountKey> projects() {
    if (!projects.isEmpty()) {
      return projects;
    }
    List<AccountKey> found = discoveredProjects;
    if (found == null) {
      found = discover().active().stream().map(a -> a.account()).toList();
      discoveredProjects = found;
    }
    return found;
  }

  /**
   * Lists the projects under the session's parents (recursively through folders), or every project
   * the credentials can see, with Resource Manager v3; DELETE_REQUESTED ones are inactive.
   */
  public io.cloudledger.core.discovery.DiscoveryResult discover() {
    io.cloudledger.core.discovery.DiscoveryResult result = discovery.discover();
    lastDiscovery = result;
    return result;
  }

  /** The last {@link #discover()} result, if the session discovered its projects. */
  public Optional<io.cloudledger.core.discovery.DiscoveryResult> lastDiscovery() {
    return Optional.ofNullable(lastDiscovery);
  }

  /** The session's credential (scoped to cloud-platform), for other Google clients. */
  public GoogleCredentials credentials() {
    return credentials;
  }

  /** The session's {@code endpoint_url} (e.g. the sandbox), when overridden. */
  public Optional<URI> endpoint() {
    return endpoint;
  }

  /** The session's retry settings. */
  public GcpClientSettings settings() {
    return settings;
  }

  public InstancesClient instances() {
    return instances;
  }

  public NetworksClient networks() {
    return networks;
  }

  public SubnetworksClient subnetworks() {
    return subnetworks;
  }

  /** HTTP requests sent to Compute so far (retries included; token requests not). */
  public long apiCalls() {
    return apiCalls.get();
  }

  /**
   * Runs {@code request} (one HTTP call), retrying 429, 5xx, {@code 403 rateLimitExceeded} and I/O
   * failures with exponential backoff and full jitter; maps the final failure with {@link
   * GcpErrors}. Each attempt first takes a token of the Compute budget of project {@code where}.
   */
  public <T> T call(String operation, String where, Supplier<T> request) {
    return call(operation, where, new AtomicLong(), request);
  }

  /** {@link #call(String, String, Supplier)}, also counting each attempt in {@code attempts}. */
  public <T> T call(String operation, String where, AtomicLong attempts, Supplier<T> request) {
    Duration backoff = settings.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      // Every attempt passes here once: the project's shared Compute budget is drawn first.
      settings.budgets().acquire(ApiBudgets.GCP_COMPUTE, where);
      apiCalls.incrementAndGet();
      attempts.incrementAndGet();
      try {
        return request.get();
      } catch (RuntimeException e) {
        if (e instanceof CloudledgerException
            || attempt >= settings.maxAttempts()
            || !GcpErrors.retryable(e)) {
          throw GcpErrors.map(e, operation, where);
        }
      }
      sleep(backoff);
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }
  }

  private static void sleep(Duration upTo) {
    long millis = upTo.toMillis();
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(millis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted", "interrupted while backing off");
    }
  }

  @Override
  public void close() {
    instances.close();
    networks.close();
    subnetworks.close();
  }
}
