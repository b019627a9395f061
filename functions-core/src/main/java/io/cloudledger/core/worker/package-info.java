/**
 * The queue's consumer: {@link io.cloudledger.core.worker.SyncWorker} runs one {@link
 * io.cloudledger.core.dispatch.SyncRequest} at most once to completion.
 */
package io.cloudledger.core.worker;
