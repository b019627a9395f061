/**
 * Token buckets that live either in one process or in a store every instance shares (the {@link
 * io.cloudledger.core.ratelimit.TokenBuckets} port), used by the HTTP trigger's rate limits and the
 * sync workers' API budgets.
 */
package io.cloudledger.core.ratelimit;
