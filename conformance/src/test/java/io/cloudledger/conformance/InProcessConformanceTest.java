package io.cloudledger.conformance;

/**
 * The suite on the core without a platform, syncing all three clouds: proves the scenarios, the
 * estate expectations and the reference hold for AWS, Azure and GCP alike, before any adapter.
 */
class InProcessConformanceTest extends RuntimeConformanceSuite {

  @Override
  protected String runtimeName() {
    return "in-process";
  }

  @Override
  protected RuntimeHarness deploy(ConformanceDeployment deployment) {
    return new InProcessHarness(deployment, InProcessHarness.Fault.NONE);
  }
}
