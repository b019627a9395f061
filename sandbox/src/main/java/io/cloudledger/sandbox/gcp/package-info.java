/**
 * GCP on the sandbox: Google's OAuth2 token endpoint (service-account JWT-bearer grant) and the
 * Compute Engine v1 JSON list operations, on the sandbox's single base URL.
 */
package io.cloudledger.sandbox.gcp;
