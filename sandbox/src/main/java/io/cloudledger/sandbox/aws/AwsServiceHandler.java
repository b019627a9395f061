package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;

/** Serves one AWS service (as named in the SigV4 credential scope). */
interface AwsServiceHandler {
  SandboxResponse handle(SandboxRequest request, SigV4Scope scope);
}
