package io.cloudledger.aws.health;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.aws.session.AwsClients;
import io.cloudledger.aws.session.AwsErrors;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.error.CloudledgerException;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.health.AccountHealth;
import io.cloudledger.core.health.AccountProbe;
import io.cloudledger.core.health.HealthCheck;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.costexplorer.model.Granularity;

/**
 * Checks one AWS session's account: the base credentials ({@code GetCallerIdentity}), the role
 * ({@code AssumeRole} with its ExternalId), then each action of {@link AwsReadPermissions} with one
 * small call (at most 5 results). A refusal ({@code UnauthorizedOperation}, {@code AccessDenied})
 * names the exact IAM action that is missing. Owns its clients: close it when done.
 */
public final class AwsAccountProbe implements AccountProbe, AutoCloseable {
  /** The check of the role; a refusal may be the ExternalId, the trust policy or the caller. */
  public static final String ASSUME_ROLE = "sts:AssumeRole";

  /** The check of the base credentials. */
  public static final String CREDENTIALS = "credentials";

  private static final Set<String> DENIED =
      Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");

  private final AwsSession session;
  private final AwsClients clients;

  public AwsAccountProbe(AwsSession session, AwsClients clients) {
    this.session = Objects.requireNonNull(session, "session");
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  public static AwsAccountProbe create(
      AwsSession session, ConfigResolver resolver, AwsClientSettings settings) {
    return new AwsAccountProbe(session, AwsClients.create(session, resolver, settings));
  }

  /** One probe per action of {@link AwsReadPermissions#all()}, in that order. */
  static Map<String, Consumer<AwsClients>> probes() {
    Map<String, Consumer<AwsClients>> probes = new LinkedHashMap<>();
    probes.put("ec2:DescribeRegions", c -> c.ec2(c.homeRegion()).describeRegions(r -> {}));
    probes.put(
        "ec2:DescribeInstances",
        c -> c.ec2(c.homeRegion()).describeInstances(r -> r.maxResults(5)));
    probes.put("ec2:DescribeVpcs", c -> c.ec2(c.homeRegion()).describeVpcs(r -> r.maxResults(5)));
    probes.put(
        "ec2:DescribeSubnets", c -> c.ec2(c.homeRegion()).describeSubnets(r -> r.maxResults(5)));
    probes.put("s3:ListAllMyBuckets", c -> c.s3().listBuckets(r -> r.maxBuckets(1)));
    probes.put(
        "ce:GetCostAndUsage",
        c -> {
          LocalDate today = LocalDate.now(ZoneOffset.UTC);
          c.costExplorer()
              .getCostAndUsage(
                  r ->
                      r.timePeriod(
                              p -> p.start(today.minusDays(1).toString()).end(today.toString()))
                          .granularity(Granularity.DAILY)
                          .metrics("UnblendedCost"));
        });
    return probes;
  }

  @Override
  public AccountHealth check() {
    List<HealthCheck> checks = new ArrayList<>();
    String account = session.name();
    try {
      clients.baseIdentity();
      checks.add(HealthCheck.ok(CREDENTIALS));
    } catch (RuntimeException e) {
      checks.add(HealthCheck.failed(CREDENTIALS, message(e, "GetCallerIdentity")));
      return new AccountHealth(account, session.name(), checks);
    }
    try {
      account = clients.accountKey().value();
    } catch (RuntimeException e) {
      checks.add(HealthCheck.failed("account", message(e, "GetCallerIdentity")));
      return new AccountHealth(account, session.name(), checks);
    }
    if (session.assumesRole()) {
      try {
        clients.resolveCredentials();
        checks.add(HealthCheck.ok(ASSUME_ROLE));
      } catch (RuntimeException e) {
        checks.add(
            HealthCheck.failed(
                ASSUME_ROLE,
                message(e, "AssumeRole")
                    + " (check the ExternalId, the role's trust policy and the caller's"
                    + " sts:AssumeRole permission)"));
        return new AccountHealth(account, session.name(), checks);
      }
    } else {
      checks.add(HealthCheck.skipped(ASSUME_ROLE, "no role_arn: the credentials' own account"));
    }
    Map<String, Consumer<AwsClients>> probes = probes();
    for (String action : AwsReadPermissions.all()) {
      if (AwsReadPermissions.COST.contains(action) && !session.costExplorer()) {
        continue; // only payer sessions query Cost Explorer
      }
      checks.add(probe(action, probes.get(action), account));
    }
    return new AccountHealth(account, session.name(), checks);
  }

  private HealthCheck probe(String action, Consumer<AwsClients> call, String account) {
    String operation = action.substring(action.indexOf(':') + 1);
    try {
      call.accept(clients);
      return HealthCheck.ok(action);
    } catch (RuntimeException e) {
      RuntimeException mapped = AwsErrors.mapAny(e, operation, account);
      if (mapped instanceof PermanentException denied && DENIED.contains(denied.reason())) {
        return HealthCheck.missing(action, denied.getMessage());
      }
      return HealthCheck.failed(action, mapped.getMessage());
    }
  }

  private String message(RuntimeException e, String operation) {
    RuntimeException mapped =
        e instanceof CloudledgerException ? e : AwsErrors.mapAny(e, operation, session.name());
    return mapped.getMessage();
  }

  @Override
  public void close() {
    clients.close();
  }
}
