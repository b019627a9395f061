package io.cloudledger.azurefn;

/**
 * The per-instance singletons. The Functions Java worker creates a new object of a function class
 * for every invocation, so the no-arg constructors take their wiring from here: built by the first
 * invocation of the instance (cold start), reused by every later one. A failed build (a bad app
 * setting) is not remembered: each invocation fails with the same clear error until it is fixed,
 * rather than with a bare {@code NoClassDefFoundError} after the first.
 */
final class Instances {
  private static volatile Components components;

  private Instances() {}

  static Components components() {
    Components built = components;
    if (built == null) {
      synchronized (Instances.class) {
        built = components;
        if (built == null) {
          built = Components.fromEnvironment(System.getenv());
          components = built;
        }
      }
    }
    return built;
  }
}
