package io.cloudledger.cli.bench;

/** The size of a built jar, or a deployable whose jar is not built ({@code built} false). */
public record JarSize(String module, String file, boolean built, double megabytes) {}
