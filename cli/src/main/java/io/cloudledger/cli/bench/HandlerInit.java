package io.cloudledger.cli.bench;

/**
 * A function handler's init time (constructor to ready) and first-event latency, in-process; when
 * {@code available} is false the figures are 0 and {@code note} says why.
 */
public record HandlerInit(
    String handler, boolean available, double initMillis, double firstEventMillis, String note) {}
