package io.cloudledger.sandbox.estate;

import java.time.Instant;

/** One subnetwork of a GCP project: regional, within a {@link GcpNetwork} (by name). */
public record GcpSubnetwork(
    long id,
    String name,
    String region,
    String network,
    String ipCidrRange,
    String gatewayAddress,
    Instant creationTimestamp) {}
