package io.cloudledger.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart's hook: before the snapshot, warm serialization and the handler's code paths (no real
 * endpoint is called), so restored containers start warm. Handlers keep a reference to it, since
 * the CRaC context may hold resources weakly.
 */
final class SnapStartPriming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
  private final Runnable prime;

  private SnapStartPriming(Runnable prime) {
    this.prime = prime;
  }

  static SnapStartPriming register(Runnable prime) {
    SnapStartPriming priming = new SnapStartPriming(prime);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime.run();
    LOG.info("primed before the SnapStart checkpoint");
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: SDK clients re-resolve credentials and connections on first use.
  }
}
