package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import io.cloudledger.sandbox.http.Xml;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * IAM over the AWS Query protocol, the operations a key rotation needs: {@code CreateUser}, {@code
 * CreateAccessKey}, {@code ListAccessKeys}, {@code DeleteAccessKey}. IAM users live in the
 * management account; a created key signs requests as its user right away (any caller may manage
 * any user: IAM policies are not emulated).
 */
final class IamHandler implements AwsServiceHandler {
  static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
  private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final AwsIdentities identities;
  private final IamUserKeys userKeys;
  private final AwsCallGate gate;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  IamHandler(AwsIdentities identities, IamUserKeys userKeys, AwsCallGate gate, Clock clock) {
    this.identities = identities;
    this.userKeys = userKeys;
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
    FaultDecision fault = gate.enter(action, caller.get().accountId(), scope.region(), 1);
    if (fault.fails()) {
      return switch (fault.failure()) {
        case THROTTLE -> error(400, "Sender", "Throttling", "Rate exceeded");
        case SERVER_ERROR ->
            error(500, "Receiver", "ServiceFailure", "The request processing has failed.");
        case DENY ->
            error(403, "Sender", "AccessDenied", "Access denied by the sandbox's fault plan.");
        case NONE -> throw new IllegalStateException("no failure to answer");
      };
    }
    if (action.equals("CreateUser")) {
      return createUser(params.getOrDefault("UserName", ""));
    }
    Optional<String> userName = userName(caller.get(), params);
    if (userName.isEmpty()) {
      return error(
          400,
          "Sender",
          "ValidationError",
          "Must specify userName when calling with non-User credentials");
    }
    String user = userName.get();
    if (!userKeys.userExists(user)) {
      return error(
          404, "Sender", "NoSuchEntity", "The user with name " + user + " cannot be found.");
    }
    return switch (action) {
      case "CreateAccessKey" -> createAccessKey(user);
      case "ListAccessKeys" -> listAccessKeys(user);
      case "DeleteAccessKey" -> deleteAccessKey(user, params.getOrDefault("AccessKeyId", ""));
      default ->
          error(
              400,
              "Sender",
              "InvalidAction",
              "Could not find operation " + action + " for version 2010-05-08");
    };
  }

  /** IAM defaults the user to the caller, which only works for IAM-user credentials. */
  private static Optional<String> userName(AwsCaller caller, Map<String, String> params) {
    String given = params.get("UserName");
    if (given != null && !given.isEmpty()) {
      return Optional.of(given);
    }
    int slash = caller.arn().indexOf(":user/");
    return slash < 0
        ? Optional.empty()
        : Optional.of(caller.arn().substring(slash + ":user/".length()));
  }

  private SandboxResponse createUser(String user) {
    if (!user.matches("[\\w+=,.@-]{1,64}")) {
      return error(
          400, "Sender", "ValidationError", "The specified value for userName is invalid.");
    }
    if (!userKeys.createUser(user)) {
      return error(
          409, "Sender", "EntityAlreadyExists", "User with name " + user + " already exists.");
    }
    Xml xml = Xml.document("CreateUserResponse", NAMESPACE);
    xml.start("CreateUserResult")
        .start("User")
        .text("Path", "/")
        .text("UserName", user)
        .text("Arn", identities.iamUser(user).arn())
        .text("UserId", identities.iamUser(user).userId())
        .text(
            "CreateDate",
            DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
        .end()
        .end();
    return ok(xml);
  }

  private SandboxResponse createAccessKey(String user) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String accessKeyId = "AKIA" + randomChars(16);
    Optional<IamUserKeys.AccessKey> created = userKeys.create(user, accessKeyId, now);
    if (created.isEmpty()) {
      return error(
          409,
          "Sender",
          "LimitExceeded",
          "Cannot exceed quota for AccessKeysPerUser: " + IamUserKeys.MAX_KEYS_PER_USER);
    }
    StringBuilder secret = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
    }
    Xml xml = Xml.document("CreateAccessKeyResponse", NAMESPACE);
    xml.start("CreateAccessKeyResult")
        .start("AccessKey")
        .text("UserName", user)
        .text("AccessKeyId", accessKeyId)
        .text("Status", "Active")
        .text("SecretAccessKey", secret.toString())
        .text("CreateDate", DateTimeFormatter.ISO_INSTANT.format(now))
        .end()
        .end();
    return ok(xml);
  }

  private SandboxResponse listAccessKeys(String user) {
    Xml xml = Xml.document("ListAccessKeysResponse", NAMESPACE);
    xml.start("ListAccessKeysResult").start("AccessKeyMetadata");
    for (IamUserKeys.AccessKey key : userKeys.of(user)) {
      xml.start("member")
          .text("UserName", key.userName())
          .text("AccessKeyId", key.accessKeyId())
          .text("Status", key.status())
          .text("CreateDate", DateTimeFormatter.ISO_INSTANT.format(key.createDate()))
          .end();
    }
    xml.end().text("IsTruncated", "false").end();
    return ok(xml);
  }

  private SandboxResponse deleteAccessKey(String user, String accessKeyId) {
    if (!userKeys.delete(user, accessKeyId)) {
      return error(
          404,
          "Sender",
          "NoSuchEntity",
          "The Access Key with id " + accessKeyId + " cannot be found.");
    }
    return ok(Xml.document("DeleteAccessKeyResponse", NAMESPACE));
  }

  private String randomChars(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)];
    }
    return new String(out);
  }

  private static SandboxResponse ok(Xml xml) {
    String requestId = UUID.randomUUID().toString();
    xml.start("ResponseMetadata").text("RequestId", requestId).end();
    return SandboxResponse.xml(200, xml.finish(), Map.of("x-amzn-RequestId", requestId));
  }

  /** IAM's error document has the same shape as STS's. */
  private static SandboxResponse error(int status, String type, String code, String message) {
    String requestId = UUID.randomUUID().toString();
    Xml xml = Xml.document("ErrorResponse", NAMESPACE);
    xml.start("Error").text("Type", type).text("Code", code).text("Message", message).end();
    xml.text("RequestId", requestId);
    return SandboxResponse.xml(status, xml.finish(), Map.of("x-amzn-RequestId", requestId));
  }
}
