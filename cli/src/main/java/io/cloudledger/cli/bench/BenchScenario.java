package io.cloudledger.cli.bench;

/**
 * One step of the benchmark. Scenarios run in order against the same providers (a re-sync follows
 * the first sync), and record what they measured in the context's results.
 */
public interface BenchScenario {
  /** A stable identifier, as in the JSON ({@code first-sync}, {@code fan-out}). */
  String id();

  /** One line for progress and {@code --help}. */
  String description();

  void run(BenchContext context);
}
