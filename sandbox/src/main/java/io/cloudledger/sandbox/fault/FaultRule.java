package io.cloudledger.sandbox.fault;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Faults for the calls of one operation (or {@code *}) on one account (or {@code *}) and region (or
 * {@code *}). For AssumeRole the account is the role's account, for every other operation the
 * caller's.
 */
public record FaultRule(String operation, String account, String region, List<Fault> faults) {
  public static final String ANY = "*";

  public FaultRule {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
    faults = List.copyOf(faults);
    if (faults.isEmpty()) {
      throw new IllegalArgumentException("a fault rule needs at least one fault");
    }
  }

  boolean matches(String callOperation, String callAccount, String callRegion) {
    return (operation.equals(ANY)
            || operation.equals(callOperation)
            // 'Describe*' names a family, e.g. the EC2 actions that share one throttling bucket.
            || (operation.endsWith(ANY)
                && callOperation.startsWith(operation.substring(0, operation.length() - 1))))
        && (account.equals(ANY) || account.equals(callAccount))
        && (region.equals(ANY) || region.equals(callRegion));
  }

  /** The spec-string form of this rule. */
  public String toSpec() {
    StringBuilder target = new StringBuilder(operation);
    if (!account.equals(ANY) || !region.equals(ANY)) {
      target.append('@').append(account);
      if (!region.equals(ANY)) {
        target.append('/').append(region);
      }
    }
    return target + ":" + faults.stream().map(Fault::toSpec).collect(Collectors.joining(","));
  }
}
