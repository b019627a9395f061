package io.cloudledger.azure.secrets;

import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.AzureEndpoints;
import io.cloudledger.azure.session.HttpsToHttpPolicy;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.secrets.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rotates the client secret of an Entra ID app registration (a service principal) whose secret the
 * rotated value holds ({@link ServicePrincipalSecret}). Graph calls are signed by the session's
 * credential, which needs {@code Application.ReadWrite.OwnedBy} (owner of the app) or {@code
 * Application.ReadWrite.All}:
 *
 * <ul>
 *   <li>create: {@code addPassword} (Entra ID chooses the secret, so it is made here); the previous
 *       secret is removed first if its grace period (counted from the current secret's creation) is
 *       over, as a finish within the grace period left it; a password named by this target that is
 *       newer than the current one and neither current nor previous — left by a create that crashed
 *       before its value was stored — is removed first;
 *   <li>set: checks the new password still exists (it is live from creation);
 *   <li>test: a client-credentials token request with the new secret, retried while Entra ID
 *       propagates it (new secrets can take a while to be accepted everywhere);
 *   <li>retire: {@code removePassword} of the previous secret once the grace period, counted from
 *       the current version's creation, has passed; until then both secrets get tokens.
 * </ul>
 */
public final class ServicePrincipalSecretTarget implements RotationTarget {
  public static final String KIND = "azure-sp-secret";
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);

  /** Entra ID's display name of passwords this target adds; orphans are recognised by it. */
  static final String DISPLAY_NAME_PREFIX = "cloudledger-rotation ";

  /** Requests a token with a client secret; throws if Entra ID refuses it. */
  @FunctionalInterface
  public interface TokenProbe {
    void requestToken(ServicePrincipalSecret secret);
  }

  /** How long new secrets live and how {@code test} waits for a new one to propagate. */
  public record Settings(
      Duration gracePeriod, Duration secretLifetime, int testAttempts, Duration testDelay) {
    public Settings {
      if (gracePeriod.isNegative()) {
        throw new IllegalArgumentException("the grace period must not be negative");
      }
      if (secretLifetime.isNegative() || secretLifetime.isZero()) {
        throw new IllegalArgumentException("the secret lifetime must be positive");
      }
      if (testAttempts < 1) {
        throw new IllegalArgumentException("test attempts must be at least 1");
      }
    }

    /** Grace as given, secrets valid 180 days, test retried 6 times 10 s apart. */
    public static Settings withGracePeriod(Duration gracePeriod) {
      return new Settings(gracePeriod, Duration.ofDays(180), 6, Duration.ofSeconds(10));
    }
  }

  private final GraphApplications graph;
  private final TokenProbe probe;
  private final Clock clock;
  private final Settings settings;

  public ServicePrincipalSecretTarget(
      GraphApplications graph, TokenProbe probe, Clock clock, Settings settings) {
    this.graph = graph;
    this.probe = probe;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * A probe that signs in like the product does: {@code ClientSecretCredential} at the session's
   * authority (over its HTTP client, plain http downgraded as for ARM), asking for an ARM token.
   */
  public static TokenProbe tokenProbe(AzureClients clients) {
    AzureEndpoints endpoints = clients.endpoints();
    return secret -> {
      ClientSecretCredentialBuilder builder =
          new ClientSecretCredentialBuilder()
              .tenantId(secret.tenantId())
              .clientId(secret.clientId())
              .clientSecret(secret.clientSecret().reveal())
              .authorityHost(endpoints.authorityHost())
              .httpClient(clients.httpClient());
      if (endpoints.customAuthority()) {
        builder.disableInstanceDiscovery();
      }
      endpoints.plainHttp().map(HttpsToHttpPolicy::new).ifPresent(builder::addPolicy);
      builder
          .build()
          .getTokenSync(
              new TokenRequestContext()
                  .addScopes(endpoints.environment().getManagementEndpoint() + "/.default"));
    };
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SecretValue create(SecretValue current, Optional<SecretValue> previous) {
    ServicePrincipalSecret currentSecret = ServicePrincipalSecret.parse(current);
    Optional<String> previousKeyId = previous.map(p -> ServicePrincipalSecret.parse(p).keyId());
    String appId = currentSecret.clientId();
    List<GraphApplications.Password> passwords = graph.passwords(appId);
    Instant currentStart =
        passwords.stream()
            .filter(p -> p.keyId().equalsIgnoreCase(currentSecret.keyId()))
            .findFirst()
            .flatMap(GraphApplications.Password::start)
            .orElse(Instant.EPOCH);
    for (GraphApplications.Password password : passwords) {
      // Only a password of ours not older than the current one can be left by a crashed create;
      // any other may be in use elsewhere and is never touched.
      boolean orphan =
          password.displayName().startsWith(DISPLAY_NAME_PREFIX)
              && !password.keyId().equalsIgnoreCase(currentSecret.keyId())
              && previousKeyId.filter(password.keyId()::equalsIgnoreCase).isEmpty()
              && password.start().map(s -> !s.isBefore(currentStart)).orElse(false);
      if (orphan) {
        graph.removePassword(appId, password.keyId());
      }
    }
    Instant now = clock.instant();
    if (previousKeyId.isPresent()
        && !previousKeyId.get().equalsIgnoreCase(currentSecret.keyId())
        && !now.isBefore(currentStart.plus(settings.gracePeriod()))) {
      // A finish that ran within the grace period left the previous secret: retire it now.
      graph.removePassword(appId, previousKeyId.get());
    }
    return graph
        .addPassword(
            currentSecret.tenantId(),
            appId,
            DISPLAY_NAME_PREFIX + now,
            now.plus(settings.secretLifetime()))
        .toSecretValue();
  }

  @Override
  public void set(SecretValue pending, SecretValue current) {
    ServicePrincipalSecret pendingSecret = ServicePrincipalSecret.parse(pending);
    boolean exists =
        graph.passwords(pendingSecret.clientId()).stream()
            .anyMatch(p -> p.keyId().equalsIgnoreCase(pendingSecret.keyId()));
    if (!exists) {
      throw new RotationException(
          "pending-password-missing",
          "the pending password "
              + pendingSecret.keyId()
              + " no longer exists on application "
              + pendingSecret.clientId()
              + "; discard the pending version and rotate again");
    }
  }

  @Override
  public void test(SecretValue pending) {
    ServicePrincipalSecret pendingSecret = ServicePrincipalSecret.parse(pending);
    RuntimeException last = null;
    for (int attempt = 1; attempt <= settings.testAttempts(); attempt++) {
      try {
        probe.requestToken(pendingSecret);
        return;
      } catch (RuntimeException e) {
        last = e;
        if (attempt < settings.testAttempts()) {
          sleep(settings.testDelay());
        }
      }
    }
    throw new RotationException(
        "test-failed",
        "a token request with the new secret "
            + pendingSecret.keyId()
            + " of application "
            + pendingSecret.clientId()
            + " failed "
            + settings.testAttempts()
            + " time(s): "
            + AzureKeyVaultStore.describe(last),
        last);
  }

  @Override
  public String retire(SecretValue previous, SecretValue current, Instant supersededAt) {
    ServicePrincipalSecret previousSecret = ServicePrincipalSecret.parse(previous);
    ServicePrincipalSecret currentSecret = ServicePrincipalSecret.parse(current);
    if (previousSecret.keyId().equalsIgnoreCase(currentSecret.keyId())) {
      return "previous secret is the current one; nothing to remove";
    }
    Instant removable = supersededAt.plus(settings.gracePeriod());
    if (clock.instant().isBefore(removable)) {
      return "old secret "
          + previousSecret.keyId()
          + " kept until "
          + removable
          + " (grace period)";
    }
    return graph.removePassword(previousSecret.clientId(), previousSecret.keyId())
        ? "removed old secret " + previousSecret.keyId()
        : "old secret " + previousSecret.keyId() + " already removed";
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RotationException("interrupted", "interrupted while waiting for the new secret");
    }
  }
}
