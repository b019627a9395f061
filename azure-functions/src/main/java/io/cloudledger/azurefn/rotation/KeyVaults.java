package io.cloudledger.azurefn.rotation;

import io.cloudledger.azure.secrets.AzureKeyVaultStore;
import io.cloudledger.azure.secrets.GraphApplications;
import io.cloudledger.azure.secrets.KeyVaultRotations;
import io.cloudledger.azure.secrets.ServicePrincipalSecretTarget;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.CloudledgerConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.SessionType;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.rotation.RotationTarget;
import io.cloudledger.core.rotation.VersionedSecrets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Key Vaults the rotation function reaches, by the vault name of an event: each a {@link
 * KeyVaultRotations} over an {@link AzureKeyVaultStore} at {@code https://{vault}.vault.azure.net}
 * (or the app setting {@value #VAULT_URL}), signed in with an Azure session of the app's {@code
 * CLOUDLEDGER_CONFIG} (the same {@link AzureClients} the sync builds), built on first use and kept.
 */
final class KeyVaults {
  /** The vault URL, {@code {vault}} standing for the event's vault name (a local emulator's). */
  static final String VAULT_URL = "CLOUDLEDGER_KEY_VAULT_URL";

  /** The {@code cloud_sessions} entry that signs in to Key Vault (and Graph by default). */
  static final String SESSION = "CLOUDLEDGER_ROTATION_SESSION";

  static final String DEFAULT_VAULT_URL = "https://{vault}.vault.azure.net";

  /** Key Vault's rule for vault names; the name goes into a URL, so nothing else is accepted. */
  private static final Pattern VAULT_NAME = Pattern.compile("[0-9a-zA-Z-]{3,24}");

  private final CloudledgerConfig config;
  private final ConfigResolver resolver;
  private final String vaultUrl;
  private final Optional<String> session;
  private final AzureClientSettings settings;
  private final Clock clock;
  private final Map<String, AzureClients> clientsBySession = new ConcurrentHashMap<>();
  private final Map<String, KeyVaultRotations> byVault = new ConcurrentHashMap<>();

  KeyVaults(
      CloudledgerConfig config,
      ConfigResolver resolver,
      String vaultUrl,
      Optional<String> session,
      AzureClientSettings settings,
      Clock clock) {
    this.config = config;
    this.resolver = resolver;
    this.vaultUrl = vaultUrl;
    this.session = session;
    this.settings = settings;
    this.clock = clock;
    session.ifPresent(this::azureSession); // a wrong name fails at start-up, not at an event
  }

  /** The {@link VersionedSecrets} of {@code vault} (labels kept in Key Vault tags). */
  VersionedSecrets versions(String vault) {
    return rotations(vault).versions();
  }

  /**
   * The target the secret's own tags declare ({@link KeyVaultRotations#TARGET_TAG}, with its
   * session and grace period tags), as {@code cloudledger rotate} reads them; empty when untagged.
   */
  Optional<RotationTarget> taggedTarget(String vault, String secret) {
    KeyVaultRotations rotations = rotations(vault);
    Map<String, String> tags;
    try {
      tags = rotations.versions().currentTags(secret);
    } catch (RotationException e) {
      if (!"secret-not-found".equals(e.reason())) {
        throw e;
      }
      // Deleted since the event: nothing declares a target. A configured entry still fails
      // clearly in the rotation; an unconfigured secret is acknowledged instead of retried.
      return Optional.empty();
    }
    return tags.containsKey(KeyVaultRotations.TARGET_TAG)
        ? Optional.of(rotations.target(secret))
        : Optional.empty();
  }

  /** The kinds this wiring adds to {@link RotationTargets}: {@code azure-sp-secret}. */
  Map<String, Supplier<RotationTarget>> targetKinds() {
    return Map.of(
        ServicePrincipalSecretTarget.KIND,
        () ->
            servicePrincipalTarget(
                Optional.empty(), ServicePrincipalSecretTarget.DEFAULT_GRACE_PERIOD));
  }

  private KeyVaultRotations rotations(String vault) {
    if (!VAULT_NAME.matcher(vault).matches()) {
      throw new PermanentException(
          "bad-vault-name", "'" + vault + "' is not a Key Vault name (3-24 letters, digits, -)");
    }
    return byVault.computeIfAbsent(
        vault.toLowerCase(Locale.ROOT),
        name ->
            new KeyVaultRotations(
                AzureKeyVaultStore.create(
                    "key-vault " + name,
                    0,
                    "",
                    URI.create(vaultUrl.replace("{vault}", name)),
                    clients(rotationSession())),
                this::servicePrincipalTarget));
  }

  /**
   * An app registration's client secret target: Graph called with the credential of {@code
   * sessionName} (default: the rotation session); Microsoft's public Graph, or the session's own
   * endpoint when that is a local plain-http one (the sandbox serves ARM and Graph together), as
   * the CLI does.
   */
  private RotationTarget servicePrincipalTarget(Optional<String> sessionName, Duration grace) {
    AzureClients target = clients(sessionName.orElseGet(this::rotationSession));
    URI graph = target.endpoints().plainHttp().orElse(GraphApplications.PUBLIC_GRAPH);
    return new ServicePrincipalSecretTarget(
        GraphApplications.create(target, graph),
        ServicePrincipalSecretTarget.tokenProbe(target),
        clock,
        ServicePrincipalSecretTarget.Settings.withGracePeriod(grace));
  }

  private AzureClients clients(String sessionName) {
    return clientsBySession.computeIfAbsent(
        sessionName, name -> AzureClients.create(azureSession(name), resolver, settings));
  }

  private AzureSession azureSession(String name) {
    return azureSessions(config).stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new PermanentException(
                    "unknown-session",
                    "no Azure session named '"
                        + name
                        + "' in cloud_sessions (known: "
                        + names(config)
                        + ")"));
  }

  /** {@value #SESSION}, else the configuration's only Azure session. */
  private String rotationSession() {
    if (session.isPresent()) {
      return session.get();
    }
    List<AzureSession> sessions = azureSessions(config);
    if (sessions.size() != 1) {
      throw new PermanentException(
          "no-rotation-session",
          SESSION
              + " is not set and the configuration has "
              + sessions.size()
              + " Azure sessions ("
              + names(config)
              + "): name the one that signs in to Key Vault");
    }
    return sessions.getFirst().name();
  }

  private static List<AzureSession> azureSessions(CloudledgerConfig config) {
    return config.sessions(SessionType.AZURE).stream().map(AzureSession.class::cast).toList();
  }

  private static String names(CloudledgerConfig config) {
    return String.join(", ", azureSessions(config).stream().map(AzureSession::name).toList());
  }
}
