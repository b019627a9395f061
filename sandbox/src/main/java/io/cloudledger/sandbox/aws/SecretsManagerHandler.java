package io.cloudledger.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets Manager over the AWS JSON 1.1 protocol ({@code X-Amz-Target: secretsmanager.Op}):
 * CreateSecret, GetSecretValue, PutSecretValue, DescribeSecret, UpdateSecretVersionStage,
 * ListSecrets, ListSecretVersionIds, DeleteSecret. Secrets live per caller account and region; the
 * version and label rules are in {@link SecretsManagerState}.
 */
final class SecretsManagerHandler implements AwsServiceHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "secretsmanager.";

  private final AwsIdentities identities;
  private final AwsCallGate gate;
  private final Clock clock;
  private final Map<String, SecretsManagerState> states = new ConcurrentHashMap<>();

  SecretsManagerHandler(AwsIdentities identities, AwsCallGate gate, Clock clock) {
    this.identities = identities;
    this.gate = gate;
    this.clock = clock;
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
    FaultDecision fault = gate.enter(operation, caller.get().accountId(), scope.region(), 1);
    if (fault.fails()) {
      return switch (fault.failure()) {
        case THROTTLE -> error(400, "ThrottlingException", "Rate exceeded");
        case SERVER_ERROR ->
            error(500, "InternalServiceError", "An error occurred on the server side.");
        case DENY ->
            error(400, "AccessDeniedException", "Access denied by the sandbox's fault plan.");
        case NONE -> throw new IllegalStateException("no failure to answer");
      };
    }
    JsonNode body;
    try {
      body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
    } catch (IOException e) {
      return error(400, "SerializationException", "The request body is not valid JSON.");
    }
    SecretsManagerState state =
        states.computeIfAbsent(
            caller.get().accountId() + "/" + scope.region(),
            k -> new SecretsManagerState(caller.get().accountId(), scope.region(), clock));
    try {
      ObjectNode out =
          switch (operation) {
            case "CreateSecret" -> createSecret(state, body);
            case "GetSecretValue" -> getSecretValue(state, body);
            case "PutSecretValue" -> putSecretValue(state, body);
            case "DescribeSecret" -> describeSecret(state.find(required(body, "SecretId")));
            case "UpdateSecretVersionStage" -> updateSecretVersionStage(state, body);
            case "ListSecrets" -> listSecrets(state, body);
            case "ListSecretVersionIds" -> listSecretVersionIds(state, body);
            case "DeleteSecret" -> deleteSecret(state, body);
            default ->
                throw new SecretsManagerState.Failure(
                    "UnknownOperationException", "Unknown operation " + operation);
          };
      return SandboxResponse.json(200, out.toString().getBytes(StandardCharsets.UTF_8));
    } catch (SecretsManagerState.Failure failure) {
      return error(400, failure.type, failure.getMessage());
    }
  }

  private ObjectNode createSecret(SecretsManagerState state, JsonNode body) {
    Map<String, String> tags = new LinkedHashMap<>();
    body.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
    Optional<String> token = optional(body, "ClientRequestToken");
    SecretsManagerState.Secret secret =
        state.create(
            required(body, "Name"),
            body.path("Description").asText(""),
            tags,
            token,
            optional(body, "SecretString"));
    ObjectNode out = JSON.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
    secret.withStage(SecretsManagerState.CURRENT).ifPresent(v -> out.put("VersionId", v.versionId));
    return out;
  }

  private ObjectNode getSecretValue(SecretsManagerState state, JsonNode body) {
    String secretId = required(body, "SecretId");
    SecretsManagerState.Secret secret = state.find(secretId);
    SecretsManagerState.Version version =
        state.value(secretId, optional(body, "VersionId"), optional(body, "VersionStage"));
    ObjectNode out =
        JSON.createObjectNode()
            .put("ARN", secret.arn)
            .put("Name", secret.name)
            .put("VersionId", version.versionId)
            .put("SecretString", version.secretString)
            .put("CreatedDate", epochSeconds(version.created));
    ArrayNode stages = out.putArray("VersionStages");
    version.stages.forEach(stages::add);
    return out;
  }

  private ObjectNode putSecretValue(SecretsManagerState state, JsonNode body) {
    String secretId = required(body, "SecretId");
    List<String> stages = new ArrayList<>();
    body.path("VersionStages").forEach(s -> stages.add(s.asText()));
    SecretsManagerState.Version version =
        state.put(
            secretId,
            optional(body, "ClientRequestToken"),
            optional(body, "SecretString")
                .orElseThrow(
                    () ->
                        new SecretsManagerState.Failure(
                            "InvalidParameterException",
                            "You must provide either SecretString or SecretBinary.")),
            stages);
    SecretsManagerState.Secret secret = state.find(secretId);
    ObjectNode out =
        JSON.createObjectNode()
            .put("ARN", secret.arn)
            .put("Name", secret.name)
            .put("VersionId", version.versionId);
    ArrayNode labels = out.putArray("VersionStages");
    version.stages.forEach(labels::add);
    return out;
  }

  private ObjectNode describeSecret(SecretsManagerState.Secret secret) {
    ObjectNode out =
        JSON.createObjectNode()
            .put("ARN", secret.arn)
            .put("Name", secret.name)
            .put("RotationEnabled", false)
            .put("CreatedDate", epochSeconds(secret.created))
            .put("LastChangedDate", epochSeconds(secret.lastChanged));
    if (!secret.description.isEmpty()) {
      out.put("Description", secret.description);
    }
    if (secret.lastAccessed != null) {
      out.put("LastAccessedDate", epochSeconds(secret.lastAccessed));
    }
    if (!secret.tags.isEmpty()) {
      ArrayNode tags = out.putArray("Tags");
      secret.tags.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
    }
    ObjectNode versions = out.putObject("VersionIdsToStages");
    secret
        .versionIdsToStages()
        .forEach((id, stages) -> stages.forEach(versions.withArray(id)::add));
    return out;
  }

  private ObjectNode updateSecretVersionStage(SecretsManagerState state, JsonNode body) {
    SecretsManagerState.Secret secret =
        state.updateStage(
            required(body, "SecretId"),
            required(body, "VersionStage"),
            optional(body, "MoveToVersionId"),
            optional(body, "RemoveFromVersionId"));
    return JSON.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
  }

  private ObjectNode listSecrets(SecretsManagerState state, JsonNode body) {
    List<String> prefixes = new ArrayList<>();
    for (JsonNode filter : body.path("Filters")) {
      if (!filter.path("Key").asText().equals("name")) {
        throw new SecretsManagerState.Failure(
            "InvalidParameterException",
            "The sandbox supports only the 'name' filter of ListSecrets.");
      }
      filter.path("Values").forEach(v -> prefixes.add(v.asText()));
    }
    int maxResults = body.path("MaxResults").asInt(100);
    if (maxResults < 1 || maxResults > 100) {
      throw new SecretsManagerState.Failure(
          "InvalidParameterException", "MaxResults must be between 1 and 100.");
    }
    List<SecretsManagerState.Secret> all = state.list(prefixes);
    PageToken page = PageToken.FIRST;
    Optional<String> next = optional(body, "NextToken");
    if (next.isPresent()) {
      page =
          PageToken.decode(next.get(), "ListSecrets")
              .orElseThrow(
                  () ->
                      new SecretsManagerState.Failure(
                          "InvalidNextTokenException", "The NextToken value is not valid."));
    }
    int start = page.offset();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("SecretList");
    int end = Math.min(all.size(), start + maxResults);
    for (SecretsManagerState.Secret secret : all.subList(Math.min(start, end), end)) {
      ObjectNode entry = describeSecret(secret);
      entry.set("SecretVersionsToStages", entry.remove("VersionIdsToStages"));
      list.add(entry);
    }
    if (end < all.size()) {
      out.put(
          "NextToken", new PageToken("ListSecrets", start, page.page()).next(end - start).encode());
    }
    return out;
  }

  private ObjectNode listSecretVersionIds(SecretsManagerState state, JsonNode body) {
    String secretId = required(body, "SecretId");
    SecretsManagerState.Secret secret = state.find(secretId);
    ObjectNode out = JSON.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
    ArrayNode versions = out.putArray("Versions");
    boolean includeDeprecated = body.path("IncludeDeprecated").asBoolean(false);
    for (SecretsManagerState.Version version : state.versions(secretId)) {
      if (version.stages.isEmpty() && !includeDeprecated) {
        continue;
      }
      ObjectNode entry =
          versions
              .addObject()
              .put("VersionId", version.versionId)
              .put("CreatedDate", epochSeconds(version.created));
      ArrayNode stages = entry.putArray("VersionStages");
      version.stages.forEach(stages::add);
    }
    return out;
  }

  private ObjectNode deleteSecret(SecretsManagerState state, JsonNode body) {
    // Deletion is immediate: the sandbox models ForceDeleteWithoutRecovery, not a recovery window.
    SecretsManagerState.Secret secret = state.delete(required(body, "SecretId"));
    return JSON.createObjectNode()
        .put("ARN", secret.arn)
        .put("Name", secret.name)
        .put("DeletionDate", epochSeconds(clock.instant()));
  }

  private static String required(JsonNode body, String field) {
    return optional(body, field)
        .orElseThrow(
            () ->
                new SecretsManagerState.Failure(
                    "InvalidParameterException", "The parameter " + field + " is required."));
  }

  private static Optional<String> optional(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }

  private static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  private static SandboxResponse error(int status, String type, String message) {
    byte[] body =
        JSON.createObjectNode()
            .put("__type", type)
            .put("message", message)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    return new SandboxResponse(
        status,
        "application/x-amz-json-1.1",
        body,
        Map.of("x-amzn-RequestId", UUID.randomUUID().toString(), "x-amzn-ErrorType", type));
  }
}
