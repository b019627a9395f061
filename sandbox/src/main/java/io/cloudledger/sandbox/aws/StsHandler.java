package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import io.cloudledger.sandbox.http.Xml;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** STS over the AWS Query protocol: AssumeRole and GetCallerIdentity. */
final class StsHandler implements AwsServiceHandler {
  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(.+)");

  private final Estate estate;
  private final AwsIdentities identities;
  private final AwsCallGate gate;
  private final Clock clock;

  StsHandler(Estate estate, AwsIdentities identities, AwsCallGate gate, Clock clock) {
    this.estate = estate;
    this.identities = identities;
    this.gate = gate;
    this.clock = clock;
  }

  @Override
  public SandboxResponse handle(SandboxRequest request, SigV4Scope scope) {
    Map<String, String> params = request.queryProtocolParameters();
    String action = params.getOrDefault("Action", "");
    Optional<AwsCaller> caller =
        identities.resolve(scope.accessKeyId(), request.header("x-amz-security-token"));
    if (caller.isEmpty()) {
      gate.countUnauthenticated(action);
      return error(
          403,
          "Sender",
          "InvalidClientTokenId",
          "The security token included in the request is invalid.");
    }
    return switch (action) {
      case "GetCallerIdentity" -> getCallerIdentity(caller.get(), scope);
      case "AssumeRole" -> assumeRole(caller.get(), params, scope);
      default -> {
        gate.enter(action, caller.get().accountId(), scope.region(), 1);
        yield error(
            400,
            "Sender",
            "InvalidAction",
            "Could not find operation " + action + " for version 2011-06-15");
      }
    };
  }

  private SandboxResponse getCallerIdentity(AwsCaller caller, SigV4Scope scope) {
    FaultDecision fault = gate.enter("GetCallerIdentity", caller.accountId(), scope.region(), 1);
    if (fault.fails()) {
      return injected(fault);
    }
    Xml xml = Xml.document("GetCallerIdentityResponse", NAMESPACE);
    xml.start("GetCallerIdentityResult")
        .text("Arn", caller.arn())
        .text("UserId", caller.userId())
        .text("Account", caller.accountId())
        .end();
    return ok(xml);
  }

  private SandboxResponse assumeRole(
      AwsCaller caller, Map<String, String> params, SigV4Scope scope) {
    String roleArn = params.getOrDefault("RoleArn", "");
    String sessionName = params.getOrDefault("RoleSessionName", "");
    Matcher arn = ROLE_ARN.matcher(roleArn);
    // Faults on AssumeRole are keyed by the target account, so one member account can be broken.
    String target = arn.matches() ? arn.group(1) : caller.accountId();
    FaultDecision fault = gate.enter("AssumeRole", target, scope.region(), 1);
    if (fault.fails()) {
      return injected(fault);
    }
    if (!arn.matches()) {
      return error(400, "Sender", "ValidationError", "Invalid RoleArn: " + roleArn);
    }
    if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
      return error(
          400,
          "Sender",
          "ValidationError",
          "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint:"
              + " Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    int duration;
    try {
      duration = Integer.parseInt(params.getOrDefault("DurationSeconds", "3600"));
    } catch (NumberFormatException e) {
      duration = -1;
    }
    if (duration < 900 || duration > 43_200) {
      return error(
          400,
          "Sender",
          "ValidationError",
          "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint:"
              + " Member must have value between 900 and 43200");
    }
    Optional<AwsAccount> account =
        estate.account(arn.group(1)).filter(a -> a.roleName().equals(arn.group(2)));
    String presented = params.getOrDefault("ExternalId", "");
    boolean externalIdOk =
        account.map(a -> a.requiredExternalId().map(presented::equals).orElse(true)).orElse(false);
    if (account.isEmpty() || !externalIdOk) {
      return error(
          403,
          "Sender",
          "AccessDenied",
          "User: "
              + caller.arn()
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + roleArn);
    }
    Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(duration);
    AwsIdentities.Session session =
        identities.issue(account.get(), arn.group(2), sessionName, expiration);
    Xml xml = Xml.document("AssumeRoleResponse", NAMESPACE);
    xml.start("AssumeRoleResult")
        .start("AssumedRoleUser")
        .text("AssumedRoleId", session.caller().userId())
        .text("Arn", session.caller().arn())
        .end()
        .start("Credentials")
        .text("AccessKeyId", session.accessKeyId())
        .text("SecretAccessKey", session.secretAccessKey())
        .text("SessionToken", session.sessionToken())
        .text("Expiration", DateTimeFormatter.ISO_INSTANT.format(expiration))
        .end()
        .end();
    return ok(xml);
  }

  private static SandboxResponse ok(Xml xml) {
    String requestId = UUID.randomUUID().toString();
    xml.start("ResponseMetadata").text("RequestId", requestId).end();
    return SandboxResponse.xml(200, xml.finish(), Map.of("x-amzn-RequestId", requestId));
  }

  private static SandboxResponse injected(FaultDecision fault) {
    return switch (fault.failure()) {
      case THROTTLE -> error(400, "Sender", "Throttling", "Rate exceeded");
      case SERVER_ERROR ->
          error(500, "Receiver", "InternalFailure", "The request processing has failed.");
      case DENY ->
          error(403, "Sender", "AccessDenied", "Access denied by the sandbox's fault plan.");
      case NONE -> throw new IllegalStateException("no failure to answer");
    };
  }

  /** The STS error document: {@code <ErrorResponse><Error><Type/><Code/><Message/>...}. */
  static SandboxResponse error(int status, String type, String code, String message) {
    String requestId = UUID.randomUUID().toString();
    Xml xml = Xml.document("ErrorResponse", NAMESPACE);
    xml.start("Error").text("Type", type).text("Code", code).text("Message", message).end();
    xml.text("RequestId", requestId);
    return SandboxResponse.xml(status, xml.finish(), Map.of("x-amzn-RequestId", requestId));
  }
}
