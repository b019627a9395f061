package io.cloudledger.core.secrets;

/** A store that could not answer, and why (the store's own message, which holds no value). */
public record StoreFailure(String store, String reason) {}
