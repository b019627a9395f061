/**
 * AWS SDK clients and credentials built once per {@code cloud_sessions} entry: base credentials, an
 * optional assumed role, endpoint overrides, the retry strategy, and the mapping of SDK errors to
 * the core's retryable and permanent failures.
 */
package io.cloudledger.aws.session;
