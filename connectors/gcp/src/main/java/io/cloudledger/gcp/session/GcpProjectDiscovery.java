package io.cloudledger.gcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import io.cloudledger.core.config.DiscoveryRules;
import io.cloudledger.core.discovery.DiscoveredAccount;
import io.cloudledger.core.discovery.DiscoveryResult;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.error.RetryableException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds a session's projects with Resource Manager v3 over REST, with the session's own
 * credentials: under each parent ({@code organizations/N}, {@code folders/N}) recursively ({@code
 * projects.list?parent=&showDeleted=true} and {@code folders.list?parent=} per folder, skipping
 * skipped folders), or, with no parent, every project the credentials can see ({@code
 * projects:search}). ACTIVE projects are active; DELETE_REQUESTED ones are reported inactive.
 * Throttling (429) and server errors are retried with backoff.
 */
final class GcpProjectDiscovery {
  static final String DEFAULT_ENDPOINT = "https://cloudresourcemanager.googleapis.com";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE_SIZE = 100;
  private static final int MAX_ATTEMPTS = 5;

  private final String sessionName;
  private final GoogleCredentials credentials;
  private final String endpoint;
  private final DiscoveryRules rules;
  private final Duration timeout;
  private final HttpClient http;
  private final AtomicLong calls = new AtomicLong();

  GcpProjectDiscovery(
      String sessionName,
      GoogleCredentials credentials,
      String endpoint,
      DiscoveryRules rules,
      Duration timeout) {
    this.sessionName = sessionName;
    this.credentials = credentials;
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.rules = rules;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  DiscoveryResult discover() {
    long before = calls.get();
    Map<String, DiscoveredAccount> found = new LinkedHashMap<>();
    int[] excluded = {0};
    if (rules.includeGroups().isEmpty()) {
      pages("/v3/projects:search", "projects.search", "projects")
          .forEach(project -> add(project, List.of(), found, excluded));
    } else {
      for (String parent : rules.includeGroups()) {
        walk(List.of(parent), found, excluded);
      }
    }
    return new DiscoveryResult(
        sessionName, List.copyOf(found.values()), excluded[0], calls.get() - before);
  }

  private void walk(List<String> path, Map<String, DiscoveredAccount> found, int[] excluded) {
    String parent = path.getLast();
    if (rules.skipsGroup(parent)) {
      return;
    }
    String encoded = URLEncoder.encode(parent, StandardCharsets.UTF_8);
    pages("/v3/projects?showDeleted=true&parent=" + encoded, "projects.list", "projects")
        .forEach(project -> add(project, path, found, excluded));
    for (JsonNode folder : pages("/v3/folders?parent=" + encoded, "folders.list", "folders")) {
      List<String> below = new ArrayList<>(path);
      below.add(folder.path("name").asText());
      walk(below, found, excluded);
    }
  }

  private void add(
      JsonNode project, List<String> path, Map<String, DiscoveredAccount> found, int[] excluded) {
    String projectId = project.path("projectId").asText();
    if (rules.skipAccounts().contains(projectId)) {
      excluded[0]++;
      return;
    }
    String state = project.path("state").asText("STATE_UNSPECIFIED");
    found.putIfAbsent(
        projectId,
        new DiscoveredAccount(
            AccountKey.of(Provider.GCP, projectId),
            project.path("displayName").asText(projectId),
            state,
            state.equals("ACTIVE"),
            path,
            sessionName));
  }

  /** Every item of {@code field} over all pages of {@code path}. */
  private List<JsonNode> pages(String path, String operation, String field) {
    List<JsonNode> items = new ArrayList<>();
    String token = "";
    do {
      String separator = path.contains("?") ? "&" : "?";
      String url =
          endpoint
              + path
              + separator
              + "pageSize="
              + PAGE_SIZE
              + (token.isEmpty()
                  ? ""
                  : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      JsonNode page = get(url, operation);
      page.path(field).forEach(items::add);
      token = page.path("nextPageToken").asText("");
    } while (!token.isEmpty());
    return items;
  }

  private JsonNode get(String url, String operation) {
    String where = operation + " in GCP session '" + sessionName + "'";
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        credentials.refreshIfExpired();
        String token = credentials.getAccessToken().getTokenValue();
        calls.incrementAndGet();
        response =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new RetryableException("io", where + " failed: " + e.getClass().getSimpleName(), e);
        }
        sleep(attempt);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryableException("interrupted", where + " was interrupted", e);
      }
      int status = response.statusCode();
      if (status == 200) {
        try {
          return JSON.readTree(response.body());
        } catch (IOException e) {
          throw new RetryableException("malformed", where + " answered malformed JSON", e);
        }
      }
      String message = errorMessage(response.body());
      if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
        sleep(attempt);
        continue;
      }
      String text = where + " failed: HTTP " + status + " " + message;
      if (status == 429 || status >= 500) {
        throw new RetryableException(status == 429 ? "rateLimitExceeded" : "HTTP" + status, text);
      }
      throw new PermanentException(status == 403 ? "PERMISSION_DENIED" : "HTTP" + status, text);
    }
  }

  private static String errorMessage(String body) {
    try {
      return JSON.readTree(body).path("error").path("message").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(int attempt) {
    try {
      Thread.sleep(Math.min(2_000, 50L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
