package io.cloudledger.cli.sync;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress for logs and pipes: one line per finished account on stderr, so a CI log shows what
 * happened without carriage-return animations.
 */
public final class LineProgress implements SyncProgress {
  private final PrintWriter err;
  private final AtomicInteger done = new AtomicInteger();
  private volatile int total;

  public LineProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void started(int accounts) {
    total = accounts;
    synchronized (err) {
      err.println("syncing " + accounts + " account" + (accounts == 1 ? "" : "s") + "...");
      err.flush();
    }
  }

  @Override
  public void finished(AccountOutcome outcome) {
    int n = done.incrementAndGet();
    synchronized (err) {
      err.println("[" + n + "/" + total + "] " + outcome.describe());
      err.flush();
    }
  }

  @Override
  public void close() {}
}
