package io.cloudledger.azure.session;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ManagementGroups_GetDescendants} over a bare ARM pipeline (the management-groups SDK is
 * not a dependency): the subscriptions anywhere below a management group, following {@code
 * nextLink}.
 */
final class AzureManagementGroups {
  static final String API_VERSION = "2020-05-01";
  private static final String SUBSCRIPTION_TYPE =
      "microsoft.management/managementgroups/subscriptions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AzureManagementGroups() {}

  static List<String> subscriptionsUnder(
      HttpPipeline pipeline, String armEndpoint, String groupId, String where) {
    String base = armEndpoint.endsWith("/") ? armEndpoint : armEndpoint + "/";
    String url =
        base
            + "providers/Microsoft.Management/managementGroups/"
            + URLEncoder.encode(groupId, StandardCharsets.UTF_8)
            + "/descendants?api-version="
            + API_VERSION;
    List<String> ids = new ArrayList<>();
    while (url != null && !url.isEmpty()) {
      JsonNode page = get(pipeline, url, groupId, where);
      for (JsonNode item : page.path("value")) {
        if (item.path("type").asText("").toLowerCase(Locale.ROOT).equals(SUBSCRIPTION_TYPE)) {
          ids.add(item.path("name").asText().toLowerCase(Locale.ROOT));
        }
      }
      url = page.path("nextLink").isTextual() ? page.path("nextLink").asText() : null;
    }
    return ids;
  }

  private static JsonNode get(HttpPipeline pipeline, String url, String groupId, String where) {
    String operation = "ManagementGroups_GetDescendants(" + groupId + ") in " + where;
    try (HttpResponse response =
        pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), com.azure.core.util.Context.NONE)) {
      String body = response.getBodyAsBinaryData().toString();
      int status = response.getStatusCode();
      if (status == 200) {
        return JSON.readTree(body);
      }
      String code = "HTTP" + status;
      String message = "";
      try {
        JsonNode error = JSON.readTree(body).path("error");
        code = error.path("code").asText(code);
        message = error.path("message").asText("");
      } catch (IOException ignored) {
        // not a JSON error body: the status says enough
      }
      String text = operation + " failed: " + code + " (HTTP " + status + ") " + message;
      if (status == 429 || status >= 500) {
        throw new RetryableException(code, text);
      }
      throw new PermanentException(code, text);
    } catch (IOException e) {
      throw new RetryableException("io", operation + " failed: " + e.getMessage(), e);
    }
  }
}
