/**
 * Fan-out of syncs: {@link io.cloudledger.core.dispatch.FanOut} turns a schedule tick or an HTTP
 * call into one {@link io.cloudledger.core.dispatch.SyncRequest} per account and hands them to a
 * {@link io.cloudledger.core.dispatch.Dispatcher}; {@link io.cloudledger.core.dispatch.SyncApi} is
 * the HTTP trigger's logic, shared by the Lambda handler and {@code cloudledger serve}.
 */
package io.cloudledger.core.dispatch;
