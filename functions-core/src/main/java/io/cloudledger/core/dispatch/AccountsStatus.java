package io.cloudledger.core.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudledger.core.health.AccountFreshness;
import io.cloudledger.core.health.FreshnessQuery;
import io.cloudledger.core.health.FreshnessReport;
import java.util.Objects;

/**
 * {@code GET /accounts}: every account of the directory with the time of its last complete sync
 * (the oldest scope's), whether it is overdue and whether it is stale (suspended or closed).
 */
public final class AccountsStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AccountDirectory directory;
  private final FreshnessQuery freshness;

  public AccountsStatus(AccountDirectory directory, FreshnessQuery freshness) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.freshness = Objects.requireNonNull(freshness, "freshness");
  }

  /** The answer's JSON body. */
  public String json() {
    FreshnessReport report = freshness.of(directory);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("at", report.at().toString());
    answer.put("maxAgeSeconds", report.maxAge().toSeconds());
    answer.put("overdue", report.overdue().size());
    ArrayNode accounts = answer.putArray("accounts");
    for (AccountFreshness account : report.accounts()) {
      ObjectNode node = accounts.addObject();
      node.put("accountKey", account.account().value());
      if (account.lastCompleteSync() == null) {
        node.putNull("lastCompleteSync");
      } else {
        node.put("lastCompleteSync", account.lastCompleteSync().toString());
      }
      node.put("scopes", account.scopes());
      node.put("stale", account.stale());
      node.put("overdue", account.overdue(report.at(), report.maxAge()));
    }
    return answer.toString();
  }
}
