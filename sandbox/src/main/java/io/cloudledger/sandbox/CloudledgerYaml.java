package io.cloudledger.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.estate.EstateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a ready-to-use {@code cloudledger.yaml} that points every session at the sandbox. */
final class CloudledgerYaml {
  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());

  private CloudledgerYaml() {}

  static String render(Estate estate, SandboxEndpoints endpoints, AwsKeys keys) {
    List<Map<String, Object>> sessions = new ArrayList<>();
    for (AwsAccount account : estate.accounts()) {
      Map<String, Object> session = new LinkedHashMap<>();
      session.put("name", "aws_sandbox_" + account.accountId());
      session.put("session_type", "aws");
      session.put("region", "us-east-1");
      session.put("role_arn", account.roleArn());
      account.requiredExternalId().ifPresent(id -> session.put("external_id", id));
      session.put("regions", "all");
      session.put("endpoint_url", endpoints.aws().toString());
      if (account.index() == estate.managementAccount().index()) {
        session.put("cost_explorer", true); // the payer: one query covers every linked account
      }
      sessions.add(session);
    }
    sessions.addAll(azureSessions(estate, endpoints));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("cloud_sessions", sessions);
    Map<String, Object> inventory = new LinkedHashMap<>();
    inventory.put("store", "dynamodb");
    inventory.put("table_prefix", "cloudledger-");
    inventory.put("endpoint", "embedded");
    root.put("inventory", inventory);
    EstateSpec spec = estate.spec();
    String header =
        "# cloudledger.yaml for the sandbox estate: seed %d, %d accounts x %d resources.\n"
                .formatted(spec.seed(), spec.accounts(), spec.resourcesPerAccount())
            + "# The sessions start from the sandbox's management credentials:\n"
            + "#   AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_REGION=us-east-1\n"
                .formatted(keys.accessKeyId(), keys.secretAccessKey());
    if (!estate.azure().subscriptions().isEmpty()) {
      header +=
          "# The Azure session signs in as the sandbox's service principal:\n"
              + "#   AZURE_CLIENT_SECRET=%s\n".formatted(AzurePrincipal.CLIENT_SECRET);
    }
    try {
      return header + YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render cloudledger.yaml", e);
    }
  }

  /**
   * One session for the sandbox's service principal over every subscription; the sandbox is the ARM
   * endpoint and, over https as the SDK demands, the authority.
   */
  private static List<Map<String, Object>> azureSessions(
      Estate estate, SandboxEndpoints endpoints) {
    if (estate.azure().subscriptions().isEmpty()) {
      return List.of();
    }
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("name", "azure_sandbox");
    session.put("session_type", "azure");
    session.put("tenant_id", estate.azure().tenantId());
    session.put("client_id", AzurePrincipal.CLIENT_ID);
    session.put("client_secret", "ENV/AZURE_CLIENT_SECRET");
    session.put(
        "subscription_ids",
        estate.azure().subscriptions().stream().map(s -> s.subscriptionId()).toList());
    String base = endpoints.base().toString();
    session.put("endpoint_url", base);
    session.put("authority_host", base.replaceFirst("^http:", "https:"));
    return List.of(session);
  }
}
