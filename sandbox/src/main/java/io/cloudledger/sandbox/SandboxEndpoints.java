package io.cloudledger.sandbox;

import java.net.URI;

/**
 * Where a running sandbox answers. Every AWS service shares {@code aws} (routed by the SigV4
 * credential scope); {@code admin} serves faults, counters and estate changes as JSON.
 */
public record SandboxEndpoints(URI base, URI aws, URI admin) {

  static SandboxEndpoints of(URI base) {
    return new SandboxEndpoints(base, base, base.resolve("/admin/"));
  }
}
