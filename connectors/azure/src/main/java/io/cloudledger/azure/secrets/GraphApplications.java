package io.cloudledger.azure.secrets;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.azure.session.AzureClients;
import io.cloudledger.azure.session.HttpsToHttpPolicy;
import io.cloudledger.core.rotation.RotationException;
import io.cloudledger.core.secrets.SecretValue;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three Microsoft Graph v1.0 calls that rotate an app registration's client secret: {@code GET
 * /applications(appId='..')} (its password credentials), {@code addPassword} and {@code
 * removePassword}. They go through an azure-core {@link HttpPipeline} with the session's credential
 * (scope {@code https://graph.microsoft.com/.default}) and HTTP client rather than the {@code
 * microsoft-graph} SDK: its 6.55.0 jar alone is 57 MB (every Graph model, generated), before
 * Kiota's runtime, for three REST calls; the Key Vault secrets client is 85 KB.
 */
public final class GraphApplications {
  /** Graph's token scope; the same for every Graph endpoint the calls go to. */
  public static final String SCOPE = "https://graph.microsoft.com/.default";

  /** Microsoft Graph in Azure's public cloud. */
  public static final URI PUBLIC_GRAPH = URI.create("https://graph.microsoft.com");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A password credential as Graph lists it (never its secret). */
  public record Password(String keyId, String displayName, Optional<Instant> start) {}

  private final HttpPipeline pipeline;
  private final String base;

  GraphApplications(HttpPipeline pipeline, URI graphEndpoint) {
    this.pipeline = pipeline;
    String url = graphEndpoint.toString();
    this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/v1.0";
  }

  /**
   * Graph at {@code graphEndpoint} with {@code clients}' credential and HTTP client; a plain-http
   * endpoint (the sandbox) is called as https and downgraded on the wire.
   */
  public static GraphApplications create(AzureClients clients, URI graphEndpoint) {
    boolean plainHttp = "http".equalsIgnoreCase(graphEndpoint.getScheme());
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(new RetryPolicy(new NetworkOnlyRetry(clients.settings())));
    policies.add(new BearerTokenAuthenticationPolicy(clients.credential(), SCOPE));
    if (plainHttp) {
      // After the token policy, which insists on https.
      policies.add(new HttpsToHttpPolicy(graphEndpoint));
    }
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(clients.httpClient())
            .policies(policies.toArray(HttpPipelinePolicy[]::new))
            .build();
    URI sdkEndpoint =
        plainHttp ? URI.create("https" + graphEndpoint.toString().substring(4)) : graphEndpoint;
    return new GraphApplications(pipeline, sdkEndpoint);
  }

  /** The app's password credentials. */
  public List<Password> passwords(String appId) {
    JsonNode app = send(HttpMethod.GET, application(appId), null, "reading application " + appId);
    List<Password> passwords = new ArrayList<>();
    for (JsonNode credential : app.path("passwordCredentials")) {
      passwords.add(
          new Password(
              credential.path("keyId").asText(),
              credential.path("displayName").asText(""),
              instant(credential.path("startDateTime"))));
    }
    return passwords;
  }

  /** Adds a password to the app; returns its key id and the secret text Graph shows only once. */
  public ServicePrincipalSecret addPassword(
      String tenantId, String appId, String displayName, Instant end) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("passwordCredential")
        .put("displayName", displayName)
        .put("endDateTime", end.toString());
    JsonNode created =
        send(
            HttpMethod.POST,
            application(appId) + "/addPassword",
            body,
            "adding a password to application " + appId);
    String keyId = created.path("keyId").asText("");
    String secretText = created.path("secretText").asText("");
    if (keyId.isEmpty() || secretText.isEmpty()) {
      throw new RotationException(
          "graph-error", "Graph's addPassword answer for application " + appId + " has no keyId");
    }
    return new ServicePrincipalSecret(tenantId, appId, SecretValue.of(secretText), keyId);
  }

  /** Removes password {@code keyId} from the app; returns false if it was not there. */
  public boolean removePassword(String appId, String keyId) {
    boolean present = passwords(appId).stream().anyMatch(p -> p.keyId().equalsIgnoreCase(keyId));
    if (!present) {
      return false;
    }
    ObjectNode body = JSON.createObjectNode().put("keyId", keyId);
    send(
        HttpMethod.POST,
        application(appId) + "/removePassword",
        body,
        "removing password " + keyId + " from application " + appId);
    return true;
  }

  private String application(String appId) {
    return base + "/applications(appId='" + appId.toLowerCase(Locale.ROOT) + "')";
  }

  private JsonNode send(HttpMethod method, String url, JsonNode body, String action) {
    HttpRequest request = new HttpRequest(method, url);
    if (body != null) {
      request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
      request.setBody(body.toString());
    }
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      String text =
          response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
      if (response.getStatusCode() / 100 != 2) {
        throw new RotationException(
            "graph-error",
            action + " failed: HTTP " + response.getStatusCode() + " " + graphError(text));
      }
      // addPassword's answer holds the new secret: it is parsed, never logged or quoted.
      return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      // Not chained: the parser's message may quote the answer, which can hold a secret.
      throw new RotationException("graph-error", action + " failed: Graph's answer is not JSON");
    } catch (RotationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RotationException(
          "graph-error", action + " failed: " + AzureKeyVaultStore.describe(e), e);
    }
  }

  /** Graph's error code and message (error bodies name ids, never secrets). */
  private static String graphError(String text) {
    try {
      JsonNode error = JSON.readTree(text == null ? "" : text).path("error");
      return error.path("code").asText("") + " (" + error.path("message").asText("") + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static Optional<Instant> instant(JsonNode node) {
    try {
      return node.isTextual() ? Optional.of(Instant.parse(node.asText())) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
