package io.cloudledger.cli.bench;

/**
 * {@code --shared-budget}: {@code workers} concurrent syncs of one account whose EC2 API the
 * sandbox limits to {@code limitPerSecond} calls per second and region, once without a budget and
 * once drawing from one budget shared through DynamoDB ({@code budget}, capacity/per second).
 *
 * @param ran false when the scenario was not asked for ({@code note} says so)
 * @param peakWithout the most EC2 calls one region got in one second, without the budget
 * @param throttledWithout calls the sandbox answered with RequestLimitExceeded, without the budget
 * @param failedWithout syncs that did not complete without the budget
 */
public record SharedBudgetMeasurement(
    boolean ran,
    int workers,
    int limitPerSecond,
    String budget,
    long resources,
    double secondsWithout,
    long callsWithout,
    long peakWithout,
    long throttledWithout,
    int failedWithout,
    double secondsWith,
    long callsWith,
    long peakWith,
    long throttledWith,
    int failedWith,
    String note) {

  static SharedBudgetMeasurement notRun(String note) {
    return new SharedBudgetMeasurement(false, 0, 0, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, note);
  }
}
