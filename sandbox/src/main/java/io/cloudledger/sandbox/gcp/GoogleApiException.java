package io.cloudledger.sandbox.gcp;

import io.cloudledger.sandbox.http.SandboxResponse;

/**
 * Ends a one-platform API call early with its error response (thrown deep, answered at the top).
 */
final class GoogleApiException extends RuntimeException {
  private final transient SandboxResponse response;

  GoogleApiException(SandboxResponse response) {
    super(null, null, false, false);
    this.response = response;
  }

  SandboxResponse response() {
    return response;
  }
}
