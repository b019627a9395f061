package io.cloudledger.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shapes that literal values must have, and "did you mean" suggestions. */
final class ValueRules {
  /** POSIX-portable variable names; lower case is legal on Unix, so it is allowed. */
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The characters every supported store accepts in a secret name (after its own mapping). */
  static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/+=@-]{0,255}");

  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static final Pattern GCP_PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

  /**
   * {@code project.dataset.table}, e.g. a billing export {@code p.billing.gcp_billing_export_v1_X}.
   */
  static final Pattern BIGQUERY_TABLE =
      Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]\\.[A-Za-z0-9_]{1,1024}\\.[A-Za-z0-9_]{1,1024}");

  static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{0,200}");

  private ValueRules() {}

  /** The text as an absolute http or https URL with a host, or empty. */
  static Optional<URI> httpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty()) {
        return Optional.of(uri);
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The candidate closest to a mistyped word, if it is close enough to be what was meant. */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance =
          editDistance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int tolerance = Math.max(1, Math.min(3, typed.length() / 3));
    return best != null && bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
  }

  /** " (did you mean 'x'?)" or nothing. */
  static String didYouMean(String typed, Collection<String> candidates) {
    return closest(typed, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
