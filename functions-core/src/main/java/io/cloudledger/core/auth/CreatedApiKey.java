package io.cloudledger.core.auth;

import io.cloudledger.core.secrets.SecretValue;

/** A newly issued key: the record that was stored and the key, shown to its owner once. */
public record CreatedApiKey(ApiKeyRecord record, SecretValue key) {}
