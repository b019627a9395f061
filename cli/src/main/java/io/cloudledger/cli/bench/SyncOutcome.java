package io.cloudledger.cli.bench;

/**
 * What one sync of every account of an estate did to the store.
 *
 * @param resources resources listed (each once)
 * @param resourceWrites resources written: created, changed or tombstoned (the baseline: all)
 * @param itemsWritten items the store wrote (puts, tombstones and bookkeeping records)
 * @param writeUnits write capacity units DynamoDB reported consuming
 * @param writeCalls DynamoDB write calls
 * @param failedAccounts accounts that failed or synced only partly
 */
public record SyncOutcome(
    long resources,
    long resourceWrites,
    long itemsWritten,
    double writeUnits,
    long writeCalls,
    int failedAccounts) {}
