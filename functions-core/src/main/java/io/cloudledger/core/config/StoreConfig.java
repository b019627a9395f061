package io.cloudledger.core.config;

/** A secret store the secrets manager asks, in ascending {@link #priority()} order. */
public sealed interface StoreConfig permits KeystoreConfig, CloudStoreConfig {

  String name();

  /** Lower is asked first. */
  int priority();

  /** One line for summaries, e.g. {@code azure (session azure_corp)}; never a secret. */
  String describe();
}
