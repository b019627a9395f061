package io.cloudledger.cli.bench;

/**
 * One cloud's part of a benchmark: its sandbox estate, the two implementations that sync it, and
 * the sandbox's call counters. A new connector joins the benchmark by adding one of these.
 */
public interface ProviderBench extends AutoCloseable {
  /** The provider's key prefix ({@code aws}, {@code azure}, {@code gcp}). */
  String provider();

  /** The estate as it is now (it changes with {@link #advance}). */
  EstateInfo estate();

  SyncImplementation optimized();

  SyncImplementation baseline();

  /** Cumulative calls served by the provider's sandbox. */
  ApiCalls apiCalls();

  /** Creates, deletes and modifies {@code fraction} of every account's resources. */
  void advance(double fraction);

  /** Throttles {@code rate} of the calls from now on, on top of the configured latency. */
  void throttle(double rate);

  /** Back to the configured latency only. */
  void clearFaults();

  @Override
  void close();
}
