package io.cloudledger.core.inventory;

/**
 * Receives the pages of a listing. Implementations are thread-safe (sources list regions
 * concurrently) and may block to apply back-pressure; an exception thrown here must propagate out
 * of {@link InventorySource#list}.
 */
@FunctionalInterface
public interface PageSink {
  void accept(ResourcePage page);
}
