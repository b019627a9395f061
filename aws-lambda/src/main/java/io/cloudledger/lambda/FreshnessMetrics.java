package io.cloudledger.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.core.health.AccountFreshness;
import io.cloudledger.core.health.FreshnessReport;
import java.time.Duration;
import java.util.Map;

/**
 * The fan-out's freshness metrics as one CloudWatch Embedded Metric Format line (Lambda ships
 * stdout to CloudWatch Logs, which extracts the metrics): {@code AccountsNotSynced} (active
 * accounts without a complete sync within the allowed age), {@code OldestCompleteSyncAgeSeconds}
 * and {@code StaleAccounts}, in namespace {@link #NAMESPACE}, without dimensions.
 */
final class FreshnessMetrics {
  static final String NAMESPACE = "cloudledger";
  static final String NOT_SYNCED = "AccountsNotSynced";
  static final String OLDEST_AGE = "OldestCompleteSyncAgeSeconds";
  static final String STALE = "StaleAccounts";

  /** {@code CLOUDLEDGER_FRESHNESS_MAX_AGE_MINUTES}: default three hours. */
  static final String MAX_AGE_MINUTES = "CLOUDLEDGER_FRESHNESS_MAX_AGE_MINUTES";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FreshnessMetrics() {}

  /** The allowed age of a complete sync, from the environment. */
  static Duration maxAge(Map<String, String> env) {
    String value = env.getOrDefault(MAX_AGE_MINUTES, "").strip();
    if (value.isEmpty()) {
      return Duration.ofHours(3);
    }
    try {
      long minutes = Long.parseLong(value);
      if (minutes > 0) {
        return Duration.ofMinutes(minutes);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        MAX_AGE_MINUTES + " must be a positive number of minutes, got '" + value + "'");
  }

  /** One EMF document for {@code report}. */
  static String emf(FreshnessReport report) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", report.at().toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    directive.putArray("Dimensions").addArray();
    ArrayNode metrics = directive.putArray("Metrics");
    metrics.addObject().put("Name", NOT_SYNCED).put("Unit", "Count");
    metrics.addObject().put("Name", OLDEST_AGE).put("Unit", "Seconds");
    metrics.addObject().put("Name", STALE).put("Unit", "Count");
    root.put(NOT_SYNCED, report.overdue().size());
    root.put(OLDEST_AGE, report.oldestSyncAgeSeconds());
    root.put(STALE, report.accounts().stream().filter(AccountFreshness::stale).count());
    root.put("maxAgeSeconds", report.maxAge().toSeconds());
    ArrayNode overdue = root.putArray("accountsNotSynced");
    report.overdue().stream().limit(50).forEach(a -> overdue.add(a.account().value()));
    return root.toString();
  }
}
