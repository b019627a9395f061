/**
 * Azure daily costs from Cost Management's query API: {@link
 * io.cloudledger.azure.cost.AzureCostSource}, one query per subscription, paged by {@code
 * nextLink}, throttling honoured through {@link
 * io.cloudledger.azure.cost.CostManagementRetryPolicy}.
 */
package io.cloudledger.azure.cost;
