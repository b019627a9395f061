/** Thin Azure Functions handlers around the core: timer, queue, HTTP and Event Grid. */
package io.cloudledger.azurefn;
