package io.cloudledger.sandbox;

/** Calls served and faults injected for one operation on one account. */
public record CallCount(String operation, String account, long calls, long injectedFaults) {}
