package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.CallCounters;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultInjector;
import io.cloudledger.sandbox.http.Route;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * All AWS services on one base URL: a request is routed by the service name in its SigV4 credential
 * scope ({@code Credential=AKID/DATE/REGION/SERVICE/aws4_request}).
 */
public final class AwsRoute implements Route {
  private final Map<String, AwsServiceHandler> services;

  public AwsRoute(
      Estate estate,
      String managementAccessKeyId,
      CallCounters counters,
      FaultInjector faults,
      Clock clock) {
    IamUserKeys userKeys = new IamUserKeys();
    AwsIdentities identities = new AwsIdentities(estate, managementAccessKeyId, userKeys);
    AwsCallGate gate = new AwsCallGate(counters, faults);
    this.services =
        Map.of(
            "sts", new StsHandler(estate, identities, gate, clock),
            "ec2", new Ec2Handler(estate, identities, gate),
            "s3", new S3Handler(estate, identities, gate),
            "secretsmanager", new SecretsManagerHandler(identities, gate, clock),
            "iam", new IamHandler(identities, userKeys, gate, clock),
            "ce", new CostExplorerHandler(estate, identities, gate, clock),
            "organizations", new OrganizationsHandler(estate, identities, gate));
  }

  @Override
  public boolean matches(SandboxRequest request) {
    return scope(request).isPresent();
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    SigV4Scope scope = scope(request).orElseThrow();
    AwsServiceHandler handler = services.get(scope.service());
    if (handler == null) {
      return SandboxResponse.text(
          400,
          "the sandbox does not emulate AWS service '"
              + scope.service()
              + "' (it serves "
              + services.keySet().stream().sorted().toList()
              + ")");
    }
    return handler.handle(request, scope);
  }

  private static Optional<SigV4Scope> scope(SandboxRequest request) {
    return request.header("authorization").flatMap(SigV4Scope::parse);
  }
}
