package io.cloudledger.sandbox.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The faults to inject, parsed from (and printable as) the spec-string grammar in {@link #GRAMMAR}.
 */
public record FaultPlan(List<FaultRule> rules) {

  /** The spec-string grammar, for {@code --help} texts and error messages. */
  public static final String GRAMMAR =
      """
      SPEC   := RULE (';' RULE)*
      RULE   := TARGET ':' FAULT (',' FAULT)*
      TARGET := OPERATION ['@' ACCOUNT ['/' REGION]]     ('*' matches any, 'Describe*' a prefix)
      FAULT  := 'throttle=' RATE | 'error5xx=' RATE | 'latency=' MS ['-' MS]
              | 'failAfterPage=' K | 'deny' | 'unreachable' (GCP zone/region)
              | 'limit=' N '/s'   (N calls per account, region and second; the rest throttled)
      RATE   := probability 0..1 | 'every' N | 'first' N
      e.g.  DescribeInstances@123456789012:throttle=0.3;*:latency=50
            DescribeInstances@*/eu-west-1:deny;ListBuckets:error5xx=first2
            Describe*@123456789012:limit=20/s
      """;

  public FaultPlan {
    rules = List.copyOf(rules);
  }

  public static FaultPlan none() {
    return new FaultPlan(List.of());
  }

  /** Parses a spec string; blank means no faults. Errors name the offending part. */
  public static FaultPlan parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return none();
    }
    List<FaultRule> rules = new ArrayList<>();
    for (String ruleText : spec.split(";")) {
      if (!ruleText.isBlank()) {
        rules.add(parseRule(ruleText.strip()));
      }
    }
    return new FaultPlan(rules);
  }

  private static FaultRule parseRule(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw invalid(text, "expected TARGET:FAULT");
    }
    String target = text.substring(0, colon).strip();
    String operation = target;
    String account = FaultRule.ANY;
    String region = FaultRule.ANY;
    int at = target.indexOf('@');
    if (at >= 0) {
      operation = target.substring(0, at);
      String scope = target.substring(at + 1);
      int slash = scope.indexOf('/');
      account = slash >= 0 ? scope.substring(0, slash) : scope;
      region = slash >= 0 ? scope.substring(slash + 1) : FaultRule.ANY;
    }
    if (operation.isEmpty() || account.isEmpty() || region.isEmpty()) {
      throw invalid(text, "empty operation, account or region in target '" + target + "'");
    }
    List<Fault> faults = new ArrayList<>();
    for (String faultText : text.substring(colon + 1).split(",")) {
      try {
        faults.add(parseFault(faultText.strip()));
      } catch (IllegalArgumentException e) {
        throw invalid(text, e.getMessage());
      }
    }
    return new FaultRule(operation, account, region, faults);
  }

  private static Fault parseFault(String text) {
    if (text.equals("deny")) {
      return new Fault.Deny();
    }
    if (text.equals("unreachable")) {
      return new Fault.Unreachable();
    }
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("fault '" + text + "' needs KIND=VALUE (or 'deny')");
    }
    String kind = text.substring(0, eq);
    String value = text.substring(eq + 1);
    try {
      return switch (kind) {
        case "throttle" -> new Fault.Throttle(Rate.parse(value));
        case "error5xx" -> new Fault.ServerError(Rate.parse(value));
        case "latency" -> {
          int dash = value.indexOf('-');
          long min = Long.parseLong(dash >= 0 ? value.substring(0, dash) : value);
          long max = dash >= 0 ? Long.parseLong(value.substring(dash + 1)) : min;
          yield new Fault.Latency(min, max);
        }
        case "failAfterPage" -> new Fault.FailAfterPage(Integer.parseInt(value));
        case "limit" -> {
          if (!value.endsWith("/s")) {
            throw new IllegalArgumentException("limit needs N/s, e.g. limit=50/s, was " + value);
          }
          yield new Fault.Limit(Integer.parseInt(value.substring(0, value.length() - 2)));
        }
        default ->
            throw new IllegalArgumentException(
                "unknown fault kind '"
                    + kind
                    + "' (known: throttle, error5xx, latency, failAfterPage, deny, unreachable,"
                    + " limit)");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fault '" + text + "' has a malformed number", e);
    }
  }

  private static IllegalArgumentException invalid(String rule, String why) {
    return new IllegalArgumentException("invalid fault rule '" + rule + "': " + why);
  }

  /** The spec-string form of this plan; {@code parse(toSpec())} yields an equal plan. */
  public String toSpec() {
    return rules.stream().map(FaultRule::toSpec).collect(Collectors.joining(";"));
  }
}
