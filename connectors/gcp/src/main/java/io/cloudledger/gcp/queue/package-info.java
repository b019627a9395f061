/** The sync queue on Google Cloud Pub/Sub: {@link io.cloudledger.gcp.queue.PubSubDispatcher}. */
package io.cloudledger.gcp.queue;
