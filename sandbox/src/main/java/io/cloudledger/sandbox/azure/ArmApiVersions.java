package io.cloudledger.sandbox.azure;

import java.util.Set;

/**
 * The api-versions the sandbox accepts per resource provider: those the pinned SDK managers send
 * and those of the published examples its shapes follow. Anything else is answered as ARM does,
 * with 400 {@code InvalidApiVersionParameter}.
 */
final class ArmApiVersions {
  static final Set<String> COMPUTE = Set.of("2024-07-01", "2024-11-01", "2025-04-01");
  static final Set<String> STORAGE = Set.of("2023-05-01", "2024-01-01", "2025-01-01", "2025-06-01");
  static final Set<String> NETWORK = Set.of("2024-05-01", "2024-07-01", "2024-10-01", "2025-03-01");

  private ArmApiVersions() {}
}
