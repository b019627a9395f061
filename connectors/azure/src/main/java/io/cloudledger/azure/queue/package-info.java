/** Azure Storage Queues: the Azure Functions deployment's sync queue. */
package io.cloudledger.azure.queue;
