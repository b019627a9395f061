package io.cloudledger.core.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link Dispatcher} onto an in-process queue, for tests and {@code cloudledger serve}. */
public final class InMemoryDispatcher implements Dispatcher {
  private final LinkedBlockingQueue<SyncRequest> queue = new LinkedBlockingQueue<>();

  @Override
  public void dispatch(List<SyncRequest> requests) {
    queue.addAll(requests);
  }

  /** The next request, waiting up to {@code timeout}. */
  public Optional<SyncRequest> poll(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Takes every queued request. */
  public List<SyncRequest> drain() {
    List<SyncRequest> drained = new ArrayList<>();
    queue.drainTo(drained);
    return drained;
  }

  public int size() {
    return queue.size();
  }
}
