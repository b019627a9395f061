package io.cloudledger.core.cost;

/**
 * Where daily costs come from (port): one billing scope, which may cover many accounts (an AWS
 * payer account and all its linked accounts, an Azure subscription, a GCP billing export). Each
 * connector implements it. Failures are {@link io.cloudledger.core.error.RetryableException} or
 * {@link io.cloudledger.core.error.PermanentException}.
 */
public interface CostSource {

  /** Names the billing scope in messages and reports, e.g. {@code aws payer 123456789012}. */
  String describe();

  /** Every row of every covered account for the days of {@code window}. */
  CostFetch fetch(CostWindow window);
}
