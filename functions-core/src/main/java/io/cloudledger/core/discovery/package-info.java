/**
 * Discovery of the accounts an organization holds (AWS Organizations, Azure management groups, GCP
 * folders): the {@link io.cloudledger.core.discovery.AccountDiscovery} port, the merge of
 * discovered with configured accounts ({@link io.cloudledger.core.discovery.AccountRoster}) and the
 * marking of inactive accounts' inventory as stale ({@link
 * io.cloudledger.core.discovery.StaleInventory}), which never tombstones it.
 */
package io.cloudledger.core.discovery;
