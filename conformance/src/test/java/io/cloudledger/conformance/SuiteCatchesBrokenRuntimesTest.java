package io.cloudledger.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.aws.dynamodb.DynamoDbLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves the scenarios can fail: a runtime broken on purpose is caught by the right one. */
@ExtendWith(DynamoDbLocal.class)
class SuiteCatchesBrokenRuntimesTest {

  /** The suite over an in-process runtime with {@code fault}. */
  private static final class Broken extends RuntimeConformanceSuite {
    private final InProcessHarness.Fault fault;

    Broken(InProcessHarness.Fault fault) {
      this.fault = fault;
    }

    @Override
    protected String runtimeName() {
      return "broken-" + fault.name().toLowerCase();
    }

    @Override
    protected RuntimeHarness deploy(ConformanceDeployment deployment) {
      return new InProcessHarness(deployment, fault);
    }
  }

  private static void run(
      InProcessHarness.Fault fault, java.util.function.Consumer<Broken> scenario) {
    Broken suite = new Broken(fault);
    suite.startEnvironment();
    try {
      scenario.accept(suite);
    } finally {
      suite.stopEnvironment();
    }
  }

  @Test
  void duplicateScenario_catchesAWorkerWithoutIdempotency() {
    run(
        InProcessHarness.Fault.NO_IDEMPOTENCY,
        suite ->
            assertThatThrownBy(
                    suite::duplicateDelivery_ofTheScheduleAndOfAMessage_writesNothingMore)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sync runs written after the duplicates"));
  }

  @Test
  void poisonScenario_catchesARuntimeThatDropsFailedMessages() {
    run(
        InProcessHarness.Fault.DROPS_FAILED_MESSAGES,
        suite ->
            assertThatThrownBy(
                    suite::poisonMessage_isDeadLettered_whileTheGoodMessagesAroundItSucceed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("delivered more than once"));
  }
}
