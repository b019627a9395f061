package io.cloudledger.gcf;

import io.cloudledger.conformance.ConformanceDeployment;
import io.cloudledger.conformance.RuntimeConformanceSuite;
import io.cloudledger.conformance.RuntimeHarness;
import io.cloudledger.gcp.queue.PubSubFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The runtime conformance suite on Google Cloud Functions: the function classes in the Functions
 * Framework invoker, Pub/Sub CloudEvents from the Pub/Sub fake, Cloud Scheduler's HTTP call.
 */
class GcpFunctionsConformanceTest extends RuntimeConformanceSuite {
  private PubSubFake pubsub;

  @BeforeAll
  void startPubSub() {
    pubsub = PubSubFake.start();
  }

  @AfterAll
  void stopPubSub() {
    pubsub.close();
  }

  @Override
  protected String runtimeName() {
    return "gcp-functions";
  }

  @Override
  protected RuntimeHarness deploy(ConformanceDeployment deployment) {
    return new GcpFunctionsHarness(deployment, pubsub);
  }
}
