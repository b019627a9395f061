/**
 * The two kinds of failure the core knows: retry later ({@link RetryableException}) or give up
 * ({@link PermanentException}). Connectors map SDK errors to them; adapters map them to the
 * platform's retry or dead-letter path.
 */
package io.cloudledger.core.error;
