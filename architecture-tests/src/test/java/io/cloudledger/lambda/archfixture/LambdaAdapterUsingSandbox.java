package io.cloudledger.lambda.archfixture;

/** Breaks the rule: a deployable must not depend on the sandbox. */
public class LambdaAdapterUsingSandbox {
  public Class<?> sandbox() {
    return io.cloudledger.sandbox.archfixture.SandboxThing.class;
  }
}
