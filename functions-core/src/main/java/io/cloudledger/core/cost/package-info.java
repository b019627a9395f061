/**
 * Daily cost per account and service: the {@link io.cloudledger.core.cost.CostRow} value, the ports
 * {@link io.cloudledger.core.cost.CostSource} and {@link io.cloudledger.core.cost.CostStore}, the
 * idempotent {@link io.cloudledger.core.cost.CostSync}, and {@link
 * io.cloudledger.core.cost.CostSummary} for reports. Money is {@link java.math.BigDecimal}, never a
 * {@code double}.
 */
package io.cloudledger.core.cost;
