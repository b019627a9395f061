package io.cloudledger.cli;

import io.cloudledger.core.config.CloudStoreConfig;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.secrets.SecretValue;
import io.cloudledger.core.secrets.vault.VaultAuth;
import io.cloudledger.core.secrets.vault.VaultStore;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The HashiCorp Vault stores of {@code secrets_manager.cloud_stores} ({@code store_type: vault}):
 * {@code address}, {@code token} (default: {@code $VAULT_TOKEN}), {@code mount} (default {@code
 * secret}), optional {@code namespace} and {@code prefix}.
 */
final class VaultStores {
  static final String TOKEN_VARIABLE = "VAULT_TOKEN";
  static final String DEFAULT_MOUNT = "secret";

  private VaultStores() {}

  static VaultStore open(
      CloudStoreConfig.HashiCorpVault store, ConfigResolver resolver, Map<String, String> env) {
    SecretValue token =
        resolver
            .resolveOptionalSecret(store.token())
            .or(() -> Optional.ofNullable(env.get(TOKEN_VARIABLE)).map(SecretValue::of))
            .orElseThrow(
                () ->
                    CliException.usage(
                        "vault store '"
                            + store.name()
                            + "' needs a token: set token: in its entry or $"
                            + TOKEN_VARIABLE));
    return new VaultStore(
        store.name(),
        store.priority(),
        resolver.resolveUrl(store.address()),
        resolver.resolveOptionalText(store.mount()).orElse(DEFAULT_MOUNT),
        resolver.resolveOptionalText(store.namespace()),
        resolver.resolveOptionalText(store.prefix()).orElse(""),
        new VaultAuth.Token(token),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }
}
