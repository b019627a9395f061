package io.cloudledger.azurefn;

/**
 * The per-instance singletons. The Functions Java worker creates a new object of a function class
 * for every invocation, so the no-arg constructors take their wiring from here: built by the first
 * invocation of the instance (cold start), reused by every later one.
 */
final class Instances {
  private Instances() {}

  private static final class SyncHolder {
    static final Components COMPONENTS = Components.fromEnvironment(System.getenv());
  }

  static Components components() {
    return SyncHolder.COMPONENTS;
  }
}
