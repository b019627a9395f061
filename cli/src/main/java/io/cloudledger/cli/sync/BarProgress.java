package io.cloudledger.cli.sync;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress for a terminal: an animated bar of accounts with the resources seen so far. */
public final class BarProgress implements SyncProgress {
  private final PrintStream err;
  private final AtomicLong resources = new AtomicLong();
  private volatile ProgressBar bar;

  public BarProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void started(int accounts) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("sync")
            .setInitialMax(accounts)
            .setUnit(" accounts", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .setUpdateIntervalMillis(200)
            .build();
  }

  @Override
  public void finished(AccountOutcome outcome) {
    long seen = resources.addAndGet(outcome.counts().seen());
    ProgressBar current = bar;
    current.setExtraMessage(seen + " resources");
    current.step();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
