package io.cloudledger.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed and validated {@code cloudledger.yaml}: immutable, with references left unresolved (see
 * {@link ConfigResolver}). {@code warnings} are the non-fatal problems found while reading it.
 */
public record CloudledgerConfig(
    Path source,
    List<CloudSession> sessions,
    SecretsManagerConfig secretsManager,
    InventoryConfig inventory,
    List<ConfigProblem> warnings,
    RateBudgetConfig rateBudgets) {

  public CloudledgerConfig {
    sessions = List.copyOf(sessions);
    warnings = List.copyOf(warnings);
  }

  /** A configuration with the documented rate budgets. */
  public CloudledgerConfig(
      Path source,
      List<CloudSession> sessions,
      SecretsManagerConfig secretsManager,
      InventoryConfig inventory,
      List<ConfigProblem> warnings) {
    this(source, sessions, secretsManager, inventory, warnings, RateBudgetConfig.defaults());
  }

  public Optional<CloudSession> session(String name) {
    return sessions.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The sessions of one cloud, in file order. */
  public List<CloudSession> sessions(SessionType type) {
    return sessions.stream().filter(s -> s.type() == type).toList();
  }

  /** Counts and settings for {@code cloudledger config validate} to print. */
  public ConfigSummary summary() {
    return ConfigSummary.of(this);
  }
}
