package io.cloudledger.cli.sync;

/** Told as accounts finish, to show progress on stderr. Called from several threads. */
public interface SyncProgress extends AutoCloseable {
  void started(int accounts);

  void finished(AccountOutcome outcome);

  @Override
  void close();

  /** Shows nothing. */
  SyncProgress NONE =
      new SyncProgress() {
        @Override
        public void started(int accounts) {}

        @Override
        public void finished(AccountOutcome outcome) {}

        @Override
        public void close() {}
      };
}
