/** Thin Google Cloud Functions handlers around the core: Pub/Sub CloudEvent and HTTP. */
package io.cloudledger.gcf;
