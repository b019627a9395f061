package io.cloudledger.azure.secrets;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.cloudledger.azure.session.AzureClientSettings;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.HttpsToHttpPolicy;
import io.cloudledger.core.secrets.RandomSecrets;
import io.cloudledger.core.secrets.SecretMetadata;
import io.cloudledger.core.secrets.SecretStore;
import io.cloudledger.core.secrets.SecretStoreException;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.StoreHealth;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SecretStore} over Azure Key Vault secrets: a secret's value is its latest version,
 * stored under the Key Vault name {@link KeyVaultNames#encode} gives (prefix, then the escaped
 * name). {@link #set} adds a version. {@link #delete} deletes and then purges, so the name can be
 * set again at once; where purging is not allowed (purge protection, no purge permission) the
 * secret stays soft-deleted and the next {@link #set} recovers it first.
 *
 * <p>Failures become {@link SecretStoreException}s that name the store, the secret and Key Vault's
 * error code; Key Vault's error messages never contain values, and neither do ours.
 */
public final class AzureKeyVaultStore implements SecretStore {
  private static final List<String> KEY_VAULT_DOMAINS =
      List.of(
          ".vault.azure.net",
          ".vault.azure.cn",
          ".vault.usgovcloudapi.net",
          ".vault.microsoftazure.de",
          ".managedhsm.azure.net");

  private final String name;
  private final int priority;
  private final String prefix;
  private final URI vaultUrl;
  private final SecretClient client;
  private final Duration pollInterval;
  private final SecureRandom random = new SecureRandom();

  AzureKeyVaultStore(
      String name,
      int priority,
      String prefix,
      URI vaultUrl,
      SecretClient client,
      Duration pollInterval) {
    this.name = Objects.requireNonNull(name, "name");
    this.priority = priority;
    this.prefix = KeyVaultNames.requireValidPrefix(Objects.requireNonNull(prefix, "prefix"));
    this.vaultUrl = Objects.requireNonNull(vaultUrl, "vaultUrl");
    this.client = Objects.requireNonNull(client, "client");
    this.pollInterval = pollInterval;
  }

  /**
   * A store over the vault at {@code vaultUrl}, signed in with {@code clients}' credential over its
   * HTTP client. A plain-http vault URL (the sandbox) is given to the SDK as https and downgraded
   * on the wire, like the session's ARM endpoint. For a vault outside Key Vault's domains (the
   * sandbox on 127.0.0.1) the SDK's check that the challenge's resource matches the vault's domain
   * is turned off: it would refuse {@code https://vault.azure.net} for {@code 127.0.0.1}.
   */
  public static AzureKeyVaultStore create(
      String name, int priority, String prefix, URI vaultUrl, AzureClients clients) {
    boolean plainHttp = "http".equalsIgnoreCase(vaultUrl.getScheme());
    String sdkUrl = plainHttp ? "https" + vaultUrl.toString().substring(4) : vaultUrl.toString();
    AzureClientSettings settings = clients.settings();
    SecretClientBuilder builder =
        new SecretClientBuilder()
            .vaultUrl(sdkUrl)
            .credential(clients.credential())
            .httpClient(clients.httpClient())
            .retryPolicy(new RetryPolicy(new NetworkOnlyRetry(settings)));
    if (plainHttp) {
      builder.addPolicy(new HttpsToHttpPolicy(vaultUrl));
    }
    String host = vaultUrl.getHost() == null ? "" : vaultUrl.getHost().toLowerCase(Locale.ROOT);
    if (KEY_VAULT_DOMAINS.stream().noneMatch(host::endsWith)) {
      builder.disableChallengeResourceVerification();
    }
    // A deleted secret is usually ready to purge within a second or two.
    return new AzureKeyVaultStore(
        name, priority, prefix, vaultUrl, builder.buildClient(), Duration.ofMillis(250));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public boolean writable() {
    return true;
  }

  /** The rotation labels of this vault's secrets (see {@link KeyVaultVersions}). */
  public KeyVaultVersions versions() {
    return new KeyVaultVersions(client);
  }

  /** The Key Vault name of secret {@code secretName}. */
  public String vaultName(String secretName) {
    return KeyVaultNames.encode(prefix, secretName);
  }

  @Override
  public Optional<SecretValue> get(String secretName) {
    String id = vaultName(secretName);
    try {
      return Optional.ofNullable(client.getSecret(id).getValue()).map(SecretValue::of);
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("reading", secretName, e);
    }
  }

  @Override
  public Optional<SecretMetadata> metadata(String secretName) {
    String id = vaultName(secretName);
    try {
      SecretProperties properties = client.getSecret(id).getProperties();
      return Optional.of(
          new SecretMetadata(
              secretName,
              instant(properties.getCreatedOn()),
              instant(properties.getUpdatedOn()),
              Optional.ofNullable(properties.getVersion()),
              properties.getTags() == null ? Map.of() : properties.getTags(),
              instant(properties.getExpiresOn())));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("reading the metadata of", secretName, e);
    }
  }

  @Override
  public void set(String secretName, SecretValue value) {
    String id = vaultName(secretName);
    try {
      try {
        client.setSecret(id, value.reveal());
      } catch (HttpResponseException e) {
        if (!isDeletedButRecoverable(e)) {
          throw e;
        }
        // Deleted but not purged (purge protection): recover it, then add the new version.
        client.beginRecoverDeletedSecret(id).setPollInterval(pollInterval).waitForCompletion();
        client.setSecret(id, value.reveal());
      }
    } catch (RuntimeException e) {
      throw failure("writing", secretName, e);
    }
  }

  @Override
  public boolean delete(String secretName) {
    String id = vaultName(secretName);
    try {
      SyncPoller<DeletedSecret, Void> poller;
      try {
        poller = client.beginDeleteSecret(id);
      } catch (ResourceNotFoundException e) {
        return false;
      }
      poller.setPollInterval(pollInterval).waitForCompletion();
      try {
        client.purgeDeletedSecret(id);
      } catch (HttpResponseException e) {
        if (e.getResponse() == null || e.getResponse().getStatusCode() != 403) {
          throw e;
        }
        // Purge protection or no purge permission: the secret stays soft-deleted and set()
        // recovers it; it is gone for get() and list() either way.
      }
      return true;
    } catch (RuntimeException e) {
      throw failure("deleting", secretName, e);
    }
  }

  @Override
  public List<String> list() {
    try {
      return client.listPropertiesOfSecrets().stream()
          .map(SecretProperties::getName)
          .filter(Objects::nonNull)
          .map(n -> KeyVaultNames.decode(prefix, n))
          .flatMap(Optional::stream)
          .sorted()
          .toList();
    } catch (RuntimeException e) {
      throw new SecretStoreException(
          "listing the secrets of store '" + name + "' failed: " + describe(e), e);
    }
  }

  @Override
  public SecretValue createRandom(String secretName, int length, String alphabet) {
    SecretValue value = RandomSecrets.generate(random, length, alphabet);
    set(secretName, value);
    return value;
  }

  @Override
  public StoreHealth health() {
    try {
      // One page of one listing: proves the network path, the sign-in and the list permission.
      client.listPropertiesOfSecrets().iterableByPage().iterator().next();
      return StoreHealth.up(
          name,
          "Key Vault " + vaultUrl + " answers" + (prefix.isEmpty() ? "" : ", prefix " + prefix));
    } catch (RuntimeException e) {
      return StoreHealth.down(name, "Key Vault " + vaultUrl + " is not usable: " + describe(e));
    }
  }

  private static boolean isDeletedButRecoverable(HttpResponseException e) {
    return e.getResponse() != null
        && e.getResponse().getStatusCode() == 409
        && String.valueOf(e.getMessage()).contains("ObjectIsDeletedButRecoverable");
  }

  private static Optional<java.time.Instant> instant(OffsetDateTime time) {
    return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
  }

  private SecretStoreException failure(String action, String secretName, RuntimeException e) {
    return new SecretStoreException(
        action + " secret '" + secretName + "' in store '" + name + "' failed: " + describe(e), e);
  }

  /**
   * The HTTP status and Key Vault's error (its body names secrets, never values); a client-side
   * failure (no connection, sign-in refused) by its class and message.
   */
  static String describe(RuntimeException e) {
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      return "HTTP " + http.getResponse().getStatusCode() + " " + firstLine(http.getMessage());
    }
    return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
