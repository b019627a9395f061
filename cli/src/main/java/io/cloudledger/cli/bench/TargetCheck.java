package io.cloudledger.cli.bench;

/**
 * A target of the benchmark and where this run stands: {@code status} is {@value #MET}, {@value
 * #NOT_MET} or {@value #NOT_MEASURED}.
 */
public record TargetCheck(String target, String goal, String measured, String status) {
  static final String MET = "met";
  static final String NOT_MET = "not met";
  static final String NOT_MEASURED = "not measured";

  static TargetCheck of(String target, String goal, String measured, boolean met) {
    return new TargetCheck(target, goal, measured, met ? MET : NOT_MET);
  }

  static TargetCheck notMeasured(String target, String goal, String why) {
    return new TargetCheck(target, goal, why, NOT_MEASURED);
  }
}
