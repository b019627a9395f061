package io.cloudledger.cli.bench;

/**
 * DynamoDB Local's own write ceiling in this run: one change set of {@code items} generated VMs
 * written by the inventory store alone (batches of 25, several in flight), no listing.
 */
public record StoreCeiling(
    long items, double seconds, double itemsPerSecond, double writeUnits, String store) {}
