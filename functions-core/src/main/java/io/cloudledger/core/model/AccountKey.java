package io.cloudledger.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One cloud account as the inventory's partition key: {@code aws#123456789012}, {@code
 * azure#<subscriptionId>}, {@code gcp#<projectId>}. It holds identifiers only, never a secret.
 */
public record AccountKey(Provider provider, String accountId) implements Comparable<AccountKey> {

  /** The separator between the parts of every key. */
  public static final String SEPARATOR = "#";

  private static final Pattern AWS_ACCOUNT = Pattern.compile("\\d{12}");
  // Azure subscription GUIDs and GCP project ids fit in this; '#' would break the key format.
  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public AccountKey {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(accountId, "accountId");
    if (provider == Provider.AWS && !AWS_ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException(
          "an AWS account id has exactly 12 digits, got '" + accountId + "'");
    }
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw new IllegalArgumentException(
          "invalid "
              + provider.prefix()
              + " account id '"
              + accountId
              + "': use 1-128 letters, digits, '.', '_', ':' or '-'");
    }
  }

  public static AccountKey of(Provider provider, String accountId) {
    return new AccountKey(provider, accountId);
  }

  /** Parses {@code aws#123456789012}. */
  @JsonCreator
  public static AccountKey parse(String key) {
    Objects.requireNonNull(key, "key");
    int separator = key.indexOf(SEPARATOR);
    if (separator <= 0) {
      throw new IllegalArgumentException(
          "invalid account key '"
              + key
              + "', expected <provider>#<accountId>, e.g. aws#123456789012");
    }
    return new AccountKey(
        Provider.fromPrefix(key.substring(0, separator)), key.substring(separator + 1));
  }

  /** The key as stored and printed, e.g. {@code aws#123456789012}. */
  @JsonValue
  public String value() {
    return provider.prefix() + SEPARATOR + accountId;
  }

  @Override
  public String toString() {
    return value();
  }

  @Override
  public int compareTo(AccountKey other) {
    return value().compareTo(other.value());
  }
}
