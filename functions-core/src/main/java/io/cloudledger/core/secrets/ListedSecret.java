package io.cloudledger.core.secrets;

/**
 * A secret's name and the store holding it. {@code shadowed} is true when a store asked earlier
 * also holds that name, so this copy is not the one {@link SecretsManager#get} returns.
 */
public record ListedSecret(String name, String store, boolean shadowed) {}
