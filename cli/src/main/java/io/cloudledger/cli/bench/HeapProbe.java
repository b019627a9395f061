package io.cloudledger.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the whole JVM's heap while it is open: the live heap, sampled by a full collection every
 * {@code interval} (young collections leave old garbage behind, so only a full one shows what is
 * really held), the largest heap in use (garbage included, from the pools' peaks) and the bytes
 * every thread allocated. The forced collections slow the watched work down a little.
 */
final class HeapProbe implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final AtomicLong peakLive = new AtomicLong();
  private final long allocatedBefore;
  private final long heapBefore;
  private final Thread sampler;

  private HeapProbe(Duration interval) {
    this.heapBefore = liveHeapBytes();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    this.allocatedBefore = allocatedBytes();
    this.sampler =
        Thread.ofPlatform()
            .daemon()
            .name("bench-heap-sampler")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Thread.sleep(interval);
                    } catch (InterruptedException e) {
                      return;
                    }
                    peakLive.accumulateAndGet(liveHeapBytes(), Math::max);
                  }
                });
  }

  static HeapProbe start(Duration interval) {
    return new HeapProbe(interval);
  }

  /** The heap still in use after a full collection. */
  static long liveHeapBytes() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  long heapBeforeBytes() {
    return heapBefore;
  }

  /** The largest live heap sampled, at least the live heap before. */
  long peakLiveBytes() {
    return Math.max(peakLive.get(), heapBefore);
  }

  /** The sum of the heap pools' peaks since the start: an upper bound of heap in use. */
  long peakUsedBytes() {
    return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** Bytes allocated by every thread since the start; -1 when the JVM cannot tell. */
  long allocatedSinceStartBytes() {
    long now = allocatedBytes();
    return now < 0 || allocatedBefore < 0 ? -1 : now - allocatedBefore;
  }

  private static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled()) {
      return threads.getTotalThreadAllocatedBytes();
    }
    return -1;
  }

  @Override
  public void close() {
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
