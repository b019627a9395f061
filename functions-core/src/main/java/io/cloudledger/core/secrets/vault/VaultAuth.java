package io.cloudledger.core.secrets.vault;

import io.cloudledger.core.secrets.SecretValue;

/** How {@link VaultStore} authenticates: a token, or an AppRole login that yields one. */
public sealed interface VaultAuth {

  /** A Vault token sent as {@code X-Vault-Token}. */
  record Token(SecretValue token) implements VaultAuth {}

  /** AppRole: {@code POST auth/{mount}/login} with the role id and secret id. */
  record AppRole(String roleId, SecretValue secretId, String mount) implements VaultAuth {
    public AppRole(String roleId, SecretValue secretId) {
      this(roleId, secretId, "approle");
    }
  }
}
