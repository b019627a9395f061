package io.cloudledger.sandbox.gcp;

import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;

/**
 * GCP on the sandbox's base URL, routed by path: {@code /token} (Google's OAuth2 token endpoint) ,
 * {@code /compute/v1/...} (Compute Engine) and {@code /bigquery/v2/projects/...} (BigQuery over the
 * billing export). Neither prefix collides with the admin route, the SigV4-routed AWS calls or
 * Azure's {@code /subscriptions} and {@code /{tenant}/oauth2/}.
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
  private final BigQueryHandler bigQuery;

  public GcpRoute(
      Estate estate, GcpServiceAccount account, CallCounters counters, FaultInjector faults) {
    this.tokens = new GcpTokenEndpoint(account, counters, faults);
    this.compute = new ComputeHandler(estate, tokens, counters, faults);
    this.bigQuery =
        new BigQueryHandler(estate, tokens, counters, faults, java.time.Clock.systemUTC());
  }

  @Override
  public boolean matches(SandboxRequest request) {
    return request.path().equals(TOKEN_PATH)
        || request.path().startsWith(COMPUTE_PREFIX)
        || request.path().startsWith(BigQueryHandler.PREFIX);
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    if (request.path().startsWith(BigQueryHandler.PREFIX)) {
      return bigQuery.handle(request);
    }
    return request.path().equals(TOKEN_PATH) ? tokens.handle(request) : compute.handle(request);
  }
}
