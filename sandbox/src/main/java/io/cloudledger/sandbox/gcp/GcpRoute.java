package io.cloudledger.sandbox.gcp;

import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.time.Clock;

/**
 * GCP on the sandbox's base URL, routed by path: {@code /token} (Google's OAuth2 token endpoint),
 * {@code /compute/v1/...} (Compute Engine), {@code /v1/projects/{p}/secrets...} (Secret Manager),
 * {@code /v1/projects/{p}/serviceAccounts/{email}/keys...} (IAM keys), {@code /v3/...} (Resource
 * Manager) and {@code /bigquery/v2/projects/...} (BigQuery over the billing export). No prefix
 * collides with the admin route, the SigV4-routed AWS calls or Azure's {@code /subscriptions} and
 * {@code /{tenant}/oauth2/}.
 */
public final class GcpRoute implements Route {
  /** The path of the token endpoint; a key's {@code token_uri} is the base URL plus this. */
  public static final String TOKEN_PATH = "/token";

  /** BigQuery operation names, as the fault plan and the call counters know them. */
  public static final String BIGQUERY_QUERY = BigQueryHandler.QUERY;

  public static final String BIGQUERY_LIST_TABLE_DATA = BigQueryHandler.LIST_TABLE_DATA;
  public static final String BIGQUERY_GET_JOB = BigQueryHandler.GET_JOB;

  private static final String COMPUTE_PREFIX = "/compute/v1/";

  private final GcpTokenEndpoint tokens;
  private final ComputeHandler compute;
  private final SecretManagerHandler secretManager;
  private final IamKeysHandler iamKeys;
  private final ResourceManagerHandler resourceManager;
  private final BigQueryHandler bigQuery;

  public GcpRoute(
      Estate estate, GcpServiceAccount account, CallCounters counters, FaultInjector faults) {
    GcpServiceAccountKeys keys = new GcpServiceAccountKeys(account, Clock.systemUTC());
    this.tokens = new GcpTokenEndpoint(account, keys, counters, faults);
    this.compute = new ComputeHandler(estate, tokens, counters, faults);
    this.secretManager =
        new SecretManagerHandler(estate, tokens, counters, faults, Clock.systemUTC());
    this.iamKeys = new IamKeysHandler(estate, tokens, keys, counters, faults);
    this.resourceManager = new ResourceManagerHandler(estate, tokens, counters, faults);
    this.bigQuery =
        new BigQueryHandler(estate, tokens, counters, faults, java.time.Clock.systemUTC());
  }

  @Override
  public boolean matches(SandboxRequest request) {
    return request.path().equals(TOKEN_PATH)
        || request.path().startsWith(COMPUTE_PREFIX)
        || SecretManagerHandler.matches(request.path())
        || IamKeysHandler.matches(request.path())
        || request.path().startsWith(ResourceManagerHandler.PREFIX)
        || request.path().startsWith(BigQueryHandler.PREFIX);
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    if (SecretManagerHandler.matches(request.path())) {
      return secretManager.handle(request);
    }
    if (IamKeysHandler.matches(request.path())) {
      return iamKeys.handle(request);
    }
    if (request.path().startsWith(ResourceManagerHandler.PREFIX)) {
      return resourceManager.handle(request);
    }
    if (request.path().startsWith(BigQueryHandler.PREFIX)) {
      return bigQuery.handle(request);
    }
    return request.path().equals(TOKEN_PATH) ? tokens.handle(request) : compute.handle(request);
  }
}
