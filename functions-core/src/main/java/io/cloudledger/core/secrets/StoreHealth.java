package io.cloudledger.core.secrets;

/** The result of a store's health check: whether it is usable and why not. */
public record StoreHealth(String store, boolean healthy, String detail) {

  public static StoreHealth up(String store, String detail) {
    return new StoreHealth(store, true, detail);
  }

  public static StoreHealth down(String store, String detail) {
    return new StoreHealth(store, false, detail);
  }
}
