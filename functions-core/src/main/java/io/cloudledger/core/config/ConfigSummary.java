package io.cloudledger.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A short, secret-free overview of a configuration: sessions per cloud, stores in the order they
 * are asked, and the inventory settings.
 */
public record ConfigSummary(
    Path source,
    Map<SessionType, Integer> sessionsPerCloud,
    List<StoreLine> storesByPriority,
    String inventory,
    int warnings) {

  public ConfigSummary {
    sessionsPerCloud = Collections.unmodifiableMap(new EnumMap<>(sessionsPerCloud));
    storesByPriority = List.copyOf(storesByPriority);
  }

  /** One store as the summary lists it. */
  public record StoreLine(int priority, String name, String description) {}

  static ConfigSummary of(CloudledgerConfig config) {
    Map<SessionType, Integer> perCloud = new EnumMap<>(SessionType.class);
    for (SessionType type : SessionType.values()) {
      perCloud.put(type, config.sessions(type).size());
    }
    List<StoreLine> stores =
        config.secretsManager().storesByPriority().stream()
            .map(s -> new StoreLine(s.priority(), s.name(), s.describe()))
            .toList();
    return new ConfigSummary(
        config.source(), perCloud, stores, describe(config.inventory()), config.warnings().size());
  }

  private static String describe(InventoryConfig inventory) {
    String where =
        switch (inventory.endpoint()) {
          case InventoryConfig.Embedded e -> "embedded DynamoDB Local";
          case InventoryConfig.AwsDefault d -> "the region's DynamoDB endpoint";
          case InventoryConfig.Remote r -> "endpoint " + shown(r.url());
        };
    if (inventory.store() == InventoryConfig.StoreKind.MEMORY) {
      return "in memory (not kept between runs)";
    }
    return "dynamodb, table prefix " + shown(inventory.tablePrefix()) + ", " + where;
  }

  // Non-secret settings are shown as written; references by name, so nothing is resolved here.
  private static String shown(ConfigValue value) {
    return switch (value) {
      case ConfigValue.Literal literal -> literal.value().reveal();
      case ConfigValue.EnvReference env -> ConfigValue.ENV_PREFIX + env.name();
      case ConfigValue.SecretReference sec -> ConfigValue.SEC_PREFIX + sec.name();
      case ConfigValue.Unset unset -> "(default)";
    };
  }

  /** The summary as lines for a terminal. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    int total = sessionsPerCloud.values().stream().mapToInt(Integer::intValue).sum();
    lines.add(
        source
            + ": "
            + total
            + " cloud session"
            + (total == 1 ? "" : "s")
            + " ("
            + sessionsPerCloud.entrySet().stream()
                .map(e -> e.getKey().yamlName() + " " + e.getValue())
                .collect(Collectors.joining(", "))
            + ")");
    lines.add("secret stores, asked in this order:");
    for (StoreLine store : storesByPriority) {
      lines.add(
          String.format("  %5d  %-20s %s", store.priority(), store.name(), store.description()));
    }
    lines.add("inventory: " + inventory);
    if (warnings > 0) {
      lines.add(warnings + " warning" + (warnings == 1 ? "" : "s"));
    }
    return List.copyOf(lines);
  }
}
