/**
 * {@code cloudledger bench}: a reproducible benchmark of sync speed, API calls and DynamoDB write
 * units against the sandbox and an in-memory DynamoDB Local, with a straightforward baseline run
 * side by side over the same estate. Providers plug in as {@link
 * io.cloudledger.cli.bench.ProviderBench}, scenarios as {@link
 * io.cloudledger.cli.bench.BenchScenario}.
 */
package io.cloudledger.cli.bench;
