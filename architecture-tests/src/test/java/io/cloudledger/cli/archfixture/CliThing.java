package io.cloudledger.cli.archfixture;

/** A CLI class for the fixtures to depend on. */
public class CliThing {}
