package io.cloudledger.core.dispatch;

import io.cloudledger.core.model.AccountKey;

/**
 * Where one account of a request stands: {@code QUEUED}, {@code RUNNING}, or how its run ended
 * ({@code SUCCEEDED}, {@code PARTIAL}, {@code FAILED}) with its counts and error.
 */
public record AccountSyncStatus(
    AccountKey accountKey, String status, long seen, long writes, String error) {}
