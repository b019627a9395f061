/**
 * The inventory sync: {@link io.cloudledger.core.sync.SyncEngine} diffs a source's listing against
 * the store, writes only what changed, tombstones what vanished from complete listings and records
 * a {@link io.cloudledger.core.sync.SyncRun}.
 */
package io.cloudledger.core.sync;
