package io.cloudledger.sandbox.http;

/**
 * One family of endpoints on the sandbox's single base URL (AWS by SigV4 scope, admin by path;
 * later Azure ARM by {@code /subscriptions/...}, GCP by {@code /compute/v1/...}).
 */
public interface Route {
  boolean matches(SandboxRequest request);

  SandboxResponse handle(SandboxRequest request);
}
