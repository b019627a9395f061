package io.cloudledger.core.archfixture;

/** Breaks the rule: core must not know the CLI. */
public class CoreUsingCli {
  public Class<?> cli() {
    return io.cloudledger.cli.archfixture.CliThing.class;
  }
}
