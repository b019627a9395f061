package io.cloudledger.cli.sync;

import io.cloudledger.core.inventory.InventorySource;
import io.cloudledger.core.model.AccountKey;

/** One account to sync and the source that lists it. */
public record AccountJob(AccountKey account, InventorySource source) {}
