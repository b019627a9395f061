package io.cloudledger.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Endpoint overrides of a session: {@code endpoint_url} for every service of the cloud (e.g. the
 * sandbox), and {@code endpoints} per service name, which win over the base URL.
 */
public record ServiceEndpoints(ConfigValue baseUrl, Map<String, ConfigValue> perService) {

  public ServiceEndpoints {
    perService = java.util.Collections.unmodifiableMap(new TreeMap<>(perService));
  }

  /** The override for a service ({@code ec2}, {@code sts}...), or empty to use the default. */
  public Optional<ConfigValue> forService(String service) {
    ConfigValue specific = perService.get(service);
    return specific != null ? Optional.of(specific) : baseUrl.ifSet();
  }

  /** True when any endpoint is overridden. */
  public boolean isOverridden() {
    return baseUrl.isSet() || !perService.isEmpty();
  }
}
