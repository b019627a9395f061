/**
 * The inventory ports: {@link io.cloudledger.core.inventory.InventorySource} (a connector listing
 * one account) and {@link io.cloudledger.core.inventory.InventoryStore} (where resources live),
 * with an in-memory store for tests and local runs.
 */
package io.cloudledger.core.inventory;
