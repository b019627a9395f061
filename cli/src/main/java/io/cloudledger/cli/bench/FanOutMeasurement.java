package io.cloudledger.cli.bench;

/**
 * Dispatch of one sync request per account through a queue: JSON messages sent in batches of {@code
 * batchSize} and received, parsed and acknowledged by {@code consumers} threads.
 */
public record FanOutMeasurement(
    int accounts,
    long messages,
    long sendBatches,
    int batchSize,
    int consumers,
    double seconds,
    double messagesPerSecond,
    String queue) {}
