package io.cloudledger.sandbox.estate;

import java.time.Instant;

/** One VPC network of a GCP project (global, as in Compute Engine). */
public record GcpNetwork(
    long id,
    String name,
    boolean autoCreateSubnetworks,
    String routingMode,
    int mtu,
    Instant creationTimestamp) {}
