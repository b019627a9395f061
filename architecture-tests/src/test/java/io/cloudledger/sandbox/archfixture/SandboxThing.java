package io.cloudledger.sandbox.archfixture;

/** A sandbox class for the fixtures to depend on. */
public class SandboxThing {}
