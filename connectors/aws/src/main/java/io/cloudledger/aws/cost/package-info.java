/**
 * AWS daily costs from Cost Explorer: {@link io.cloudledger.aws.cost.AwsCostSource}, one query per
 * payer account for all its linked accounts.
 */
package io.cloudledger.aws.cost;
