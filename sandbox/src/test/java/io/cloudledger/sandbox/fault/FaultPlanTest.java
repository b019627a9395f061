package io.cloudledger.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void parse_theDocumentedExample() {
    FaultPlan plan = FaultPlan.parse("DescribeInstances@123456789012:throttle=0.3;*:latency=50");

    assertThat(plan.rules())
        .containsExactly(
            new FaultRule(
                "DescribeInstances",
                "123456789012",
                "*",
                List.of(new Fault.Throttle(new Rate.Probability(0.3)))),
            new FaultRule("*", "*", "*", List.of(new Fault.Latency(50, 50))));
  }

  @Test
  void parse_everyKindAndTarget_andPrintsItBack() {
    String spec =
        "DescribeInstances@*/eu-west-1:deny;ListBuckets:error5xx=first2,latency=10-20;"
            + "DescribeVpcs@111111111111:failAfterPage=3,throttle=every4;*@222222222222:limit=50/s";

    FaultPlan plan = FaultPlan.parse(spec);

    assertThat(plan.toSpec()).isEqualTo(spec);
    assertThat(FaultPlan.parse(plan.toSpec())).isEqualTo(plan);
  }

  @Test
  void parse_blank_isNoFaults() {
    assertThat(FaultPlan.parse(" ").rules()).isEmpty();
    assertThat(FaultPlan.parse(null).rules()).isEmpty();
  }

  @Test
  void parse_errors_nameTheOffendingRule() {
    assertThatThrownBy(() -> FaultPlan.parse("*:latency=50;DescribeVpcs:explode=1"))
        .hasMessageContaining("DescribeVpcs:explode=1")
        .hasMessageContaining("unknown fault kind 'explode'");
    assertThatThrownBy(() -> FaultPlan.parse("DescribeVpcs"))
        .hasMessageContaining("expected TARGET:FAULT");
    assertThatThrownBy(() -> FaultPlan.parse("*:throttle=1.5"))
        .hasMessageContaining("probability must be within 0..1");
    assertThatThrownBy(() -> FaultPlan.parse("*:latency=20-10"))
        .hasMessageContaining("0 <= min <= max");
  }

  @Test
  void injector_firstN_firesOnTheFirstNMatchingCallsOnly() {
    FaultInjector injector = new FaultInjector(1, FaultPlan.parse("DescribeVpcs:throttle=first2"));

    assertThat(
            IntStream.range(0, 4)
                .mapToObj(i -> injector.decide("DescribeVpcs", "a", "us-east-1", 1).failure()))
        .containsExactly(
            FailureKind.THROTTLE, FailureKind.THROTTLE, FailureKind.NONE, FailureKind.NONE);
    assertThat(injector.decide("DescribeSubnets", "a", "us-east-1", 1))
        .isEqualTo(FaultDecision.NONE);
  }

  @Test
  void injector_everyN_andFailAfterPage() {
    FaultInjector injector =
        new FaultInjector(1, FaultPlan.parse("A:error5xx=every3;B:failAfterPage=2"));

    assertThat(IntStream.range(0, 6).mapToObj(i -> injector.decide("A", "x", "r", 1).fails()))
        .containsExactly(false, false, true, false, false, true);
    assertThat(injector.decide("B", "x", "r", 2).fails()).isFalse();
    assertThat(injector.decide("B", "x", "r", 3).failure()).isEqualTo(FailureKind.SERVER_ERROR);
  }

  @Test
  void injector_probability_isDeterministicForTheSeed_andRoughlyTheRate() {
    FaultPlan plan = FaultPlan.parse("*:throttle=0.3");
    FaultInjector one = new FaultInjector(7, plan);
    FaultInjector two = new FaultInjector(7, plan);

    List<Boolean> first =
        IntStream.range(0, 1000).mapToObj(i -> one.decide("Op", "a", "r", 1).fails()).toList();
    List<Boolean> second =
        IntStream.range(0, 1000).mapToObj(i -> two.decide("Op", "a", "r", 1).fails()).toList();

    assertThat(first).isEqualTo(second);
    assertThat(first.stream().filter(b -> b).count()).isBetween(240L, 360L);
  }

  @Test
  void injector_targetsAccountAndRegion() {
    FaultInjector injector = new FaultInjector(1, FaultPlan.parse("*@111111111111/eu-west-1:deny"));

    assertThat(injector.decide("X", "111111111111", "eu-west-1", 1).failure())
        .isEqualTo(FailureKind.DENY);
    assertThat(injector.decide("X", "111111111111", "us-east-1", 1).fails()).isFalse();
    assertThat(injector.decide("X", "222222222222", "eu-west-1", 1).fails()).isFalse();
  }

  @Test
  void injector_limit_throttlesCallsBeyondNPerAccountWithinOneSecond() {
    FaultInjector injector = new FaultInjector(1, FaultPlan.parse("*:limit=5/s"));
    long second = System.currentTimeMillis() / 1000;
    int passed = 0;
    int throttled = 0;
    for (int i = 0; i < 8; i++) {
      FaultDecision decision = injector.decide("X", "111111111111", "us-east-1", 1);
      if (decision.failure() == FailureKind.THROTTLE) {
        throttled++;
      } else {
        passed++;
      }
    }
    // A prefix target names a family of operations.
    FaultInjector family = new FaultInjector(1, FaultPlan.parse("Describe*:deny"));
    assertThat(family.decide("DescribeVpcs", "111111111111", "us-east-1", 1).fails()).isTrue();
    assertThat(family.decide("ListBuckets", "111111111111", "us-east-1", 1).fails()).isFalse();
    // Another account has its own window.
    boolean otherPasses = !injector.decide("X", "222222222222", "us-east-1", 1).fails();

    // Unless the wall-clock second turned during the loop, exactly 5 of 8 passed.
    if (System.currentTimeMillis() / 1000 == second) {
      assertThat(passed).isEqualTo(5);
      assertThat(throttled).isEqualTo(3);
      assertThat(otherPasses).isTrue();
    } else {
      assertThat(passed).isBetween(5, 8);
    }
  }

  @Test
  void parse_limitWithoutPerSecond_isRejected() {
    assertThatThrownBy(() -> FaultPlan.parse("*:limit=50"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit=50/s");
  }
}
