package io.cloudledger.azurefn;

import io.cloudledger.azure.queue.Azurite;
import io.cloudledger.conformance.ConformanceDeployment;
import io.cloudledger.conformance.RuntimeConformanceSuite;
import io.cloudledger.conformance.RuntimeHarness;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runtime conformance suite on Azure Functions: the function classes, Azurite, host.json. */
@ExtendWith(Azurite.class)
class AzureFunctionsConformanceTest extends RuntimeConformanceSuite {

  @Override
  protected String runtimeName() {
    return "azure-functions";
  }

  @Override
  protected RuntimeHarness deploy(ConformanceDeployment deployment) {
    return new AzureFunctionsHarness(deployment);
  }
}
