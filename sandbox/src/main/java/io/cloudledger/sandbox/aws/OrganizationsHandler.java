package io.cloudledger.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.estate.AwsOrganizationTree;
import io.cloudledger.sandbox.estate.AwsOrganizationTree.Membership;
import io.cloudledger.sandbox.estate.AwsOrganizationTree.Unit;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * AWS Organizations over the JSON 1.1 protocol ({@code X-Amz-Target:
 * AWSOrganizationsV20161128.Op}): ListRoots, ListOrganizationalUnitsForParent,
 * ListAccountsForParent, ListAccounts (paged with {@code MaxResults} 1-20, default 20, and {@code
 * NextToken}) and ListParents, over the estate's {@link AwsOrganizationTree}. Only the management
 * account may call them (anyone else: {@code AccessDeniedException}); injected throttles answer
 * {@code TooManyRequestsException}, as Organizations does.
 */
final class OrganizationsHandler implements AwsServiceHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
  private static final int MAX_RESULTS = 20;

  private final Estate estate;
  private final AwsIdentities identities;
  private final AwsCallGate gate;

  OrganizationsHandler(Estate estate, AwsIdentities identities, AwsCallGate gate) {
    this.estate = estate;
    this.identities = identities;
    this.gate = gate;
  }

  /** A client error with its {@code __type}. */
  private static final class Failure extends RuntimeException {
    private final String type;

    Failure(String type, String message) {
      super(message);
      this.type = type;
    }
  }

  @Override
  public SandboxResponse handle(SandboxRequest request, SigV4Scope scope) {
    String target = request.header("x-amz-target").orElse("");
    String operation =
        target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
    Optional<AwsCaller> caller =
        identities.resolve(scope.accessKeyId(), request.header("x-amz-security-token"));
    if (caller.isEmpty()) {
      gate.countUnauthenticated(operation);
      return error(
          400,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.");
    }
    JsonNode body;
    try {
      body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
    } catch (IOException e) {
      return error(400, "SerializationException", "The request body is not valid JSON.");
    }
    int page =
        Optional.ofNullable(body.path("NextToken").textValue())
            .flatMap(t -> PageToken.decode(t, operation))
            .map(PageToken::page)
            .orElse(1);
    FaultDecision fault = gate.enter(operation, caller.get().accountId(), scope.region(), page);
    if (fault.fails()) {
      return switch (fault.failure()) {
        case THROTTLE ->
            error(
                400,
                "TooManyRequestsException",
                "You have sent too many requests in too short a period of time. The quota helps"
                    + " protect against denial-of-service attacks. Try again later.");
        case SERVER_ERROR ->
            error(500, "ServiceException", "AWS Organizations can't complete your request.");
        case DENY -> accessDenied(caller.get(), operation);
        case NONE -> throw new IllegalStateException("no failure to answer");
      };
    }
    AwsOrganizationTree tree = estate.organization();
    if (!caller.get().accountId().equals(tree.managementAccountId())) {
      return accessDenied(caller.get(), operation);
    }
    try {
      ObjectNode out =
          switch (operation) {
            case "ListRoots" -> listRoots(tree, body);
            case "ListOrganizationalUnitsForParent" ->
                paged(
                    body,
                    operation,
                    "OrganizationalUnits",
                    tree.childUnits(parent(tree, body)),
                    u -> unit(tree, u));
            case "ListAccountsForParent" ->
                paged(
                    body,
                    operation,
                    "Accounts",
                    tree.membersUnder(parent(tree, body)),
                    m -> account(tree, m));
            case "ListAccounts" ->
                paged(body, operation, "Accounts", tree.members(), m -> account(tree, m));
            case "ListParents" -> listParents(tree, body);
            default ->
                throw new Failure(
                    "UnknownOperationException",
                    "The sandbox does not emulate Organizations operation " + operation);
          };
      return new SandboxResponse(
          200,
          "application/x-amz-json-1.1",
          out.toString().getBytes(StandardCharsets.UTF_8),
          Map.of("x-amzn-RequestId", UUID.randomUUID().toString()));
    } catch (Failure failure) {
      return error(400, failure.type, failure.getMessage());
    }
  }

  private static SandboxResponse accessDenied(AwsCaller caller, String operation) {
    return error(
        400,
        "AccessDeniedException",
        "You don't have permissions to access this resource. ("
            + caller.arn()
            + " is not authorized to perform: organizations:"
            + operation
            + ")");
  }

  private static ObjectNode listRoots(AwsOrganizationTree tree, JsonNode body) {
    maxResults(body);
    ObjectNode out = JSON.createObjectNode();
    out.putArray("Roots")
        .addObject()
        .put("Id", tree.rootId())
        .put(
            "Arn",
            "arn:aws:organizations::"
                + tree.managementAccountId()
                + ":root/"
                + tree.organizationId()
                + "/"
                + tree.rootId())
        .put("Name", "Root")
        .putArray("PolicyTypes");
    return out;
  }

  private static String parent(AwsOrganizationTree tree, JsonNode body) {
    String parentId = body.path("ParentId").asText("");
    if (parentId.isEmpty()) {
      throw new Failure(
          "InvalidInputException",
          "You provided a value that does not match the required pattern.");
    }
    if (!tree.isParent(parentId)) {
      throw new Failure(
          "ParentNotFoundException",
          "We can't find a root or OU with the ParentId that you specified.");
    }
    return parentId;
  }

  private static int maxResults(JsonNode body) {
    if (!body.has("MaxResults")) {
      return MAX_RESULTS;
    }
    int max = body.path("MaxResults").asInt(-1);
    if (max < 1 || max > MAX_RESULTS) {
      throw new Failure(
          "InvalidInputException",
          "MaxResults must be between 1 and " + MAX_RESULTS + ", was " + body.path("MaxResults"));
    }
    return max;
  }

  private static <T> ObjectNode paged(
      JsonNode body,
      String operation,
      String field,
      List<T> items,
      Function<T, ObjectNode> render) {
    int max = maxResults(body);
    PageToken token = PageToken.FIRST;
    String given = body.path("NextToken").asText("");
    if (!given.isEmpty()) {
      token =
          PageToken.decode(given, operation)
              .orElseThrow(
                  () -> new Failure("InvalidInputException", "The NextToken value is not valid."));
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode array = out.putArray(field);
    int end = Math.min(items.size(), token.offset() + max);
    for (int i = token.offset(); i < end; i++) {
      array.add(render.apply(items.get(i)));
    }
    if (end < items.size()) {
      out.put(
          "NextToken", new PageToken(operation, token.offset(), token.page()).next(max).encode());
    }
    return out;
  }

  private static ObjectNode unit(AwsOrganizationTree tree, Unit unit) {
    return JSON.createObjectNode()
        .put("Id", unit.id())
        .put(
            "Arn",
            "arn:aws:organizations::"
                + tree.managementAccountId()
                + ":ou/"
                + tree.organizationId()
                + "/"
                + unit.id())
        .put("Name", unit.name());
  }

  private static ObjectNode account(AwsOrganizationTree tree, Membership member) {
    return JSON.createObjectNode()
        .put("Id", member.accountId())
        .put(
            "Arn",
            "arn:aws:organizations::"
                + tree.managementAccountId()
                + ":account/"
                + tree.organizationId()
                + "/"
                + member.accountId())
        .put("Email", member.name() + "@example.com")
        .put("Name", member.name())
        .put("Status", member.status())
        .put("State", member.state())
        .put(
            "JoinedMethod",
            member.accountId().equals(tree.managementAccountId()) ? "CREATED" : "INVITED")
        .put("JoinedTimestamp", 1.7672256E9);
  }

  private static ObjectNode listParents(AwsOrganizationTree tree, JsonNode body) {
    String child = body.path("ChildId").asText("");
    String parentId =
        tree.member(child)
            .map(Membership::parentId)
            .or(() -> tree.unit(child).map(Unit::parentId))
            .orElseThrow(
                () ->
                    new Failure(
                        "ChildNotFoundException",
                        "We can't find an organizational unit (OU) or AWS account with the"
                            + " ChildId that you specified."));
    ObjectNode out = JSON.createObjectNode();
    out.putArray("Parents")
        .addObject()
        .put("Id", parentId)
        .put("Type", parentId.equals(tree.rootId()) ? "ROOT" : "ORGANIZATIONAL_UNIT");
    return out;
  }

  private static SandboxResponse error(int status, String type, String message) {
    byte[] body =
        JSON.createObjectNode()
            .put("__type", type)
            .put("Message", message)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    return new SandboxResponse(
        status,
        "application/x-amz-json-1.1",
        body,
        Map.of("x-amzn-RequestId", UUID.randomUUID().toString(), "x-amzn-ErrorType", type));
  }
}
