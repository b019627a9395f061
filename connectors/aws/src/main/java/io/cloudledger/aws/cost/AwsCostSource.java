package io.cloudledger.aws.cost;

import io.cloudledger.aws.session.AwsClientSettings;
import io.cloudledger.aws.session.AwsClients;
import io.cloudledger.aws.session.AwsErrors;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.cost.CostFetch;
import io.cloudledger.core.cost.CostRow;
import io.cloudledger.core.cost.CostSource;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * The {@link CostSource} of one AWS payer (management) account: Cost Explorer's {@code
 * GetCostAndUsage}, {@code DAILY}, grouped by {@code SERVICE} then {@code LINKED_ACCOUNT}, paged
 * with {@code NextPageToken}. One query covers every linked account, so a run costs one request per
 * page per payer ($0.01 each), however many member accounts there are. Rows get the linked
 * account's key, {@code aws#<linkedAccountId>}.
 */
public final class AwsCostSource implements CostSource, AutoCloseable {
  static final String OPERATION = "GetCostAndUsage";
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final List<GroupDefinition> GROUP_BY =
      List.of(
          GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("SERVICE").build(),
          GroupDefinition.builder()
              .type(GroupDefinitionType.DIMENSION)
              .key("LINKED_ACCOUNT")
              .build());

  private final AwsClients clients;
  private final AwsCostSettings settings;
  private final boolean ownsClients;

  private AwsCostSource(AwsClients clients, AwsCostSettings settings, boolean ownsClients) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ownsClients = ownsClients;
  }

  /** A source over the clients of a payer {@code session}; closing it closes them. */
  public static AwsCostSource create(
      AwsSession session, ConfigResolver resolver, AwsCostSettings settings) {
    return create(session, resolver, settings, AwsClientSettings.defaults());
  }

  /**
   * Like {@link #create(AwsSession, ConfigResolver, AwsCostSettings)} with client retries/timeouts.
   */
  public static AwsCostSource create(
      AwsSession session,
      ConfigResolver resolver,
      AwsCostSettings settings,
      AwsClientSettings clientSettings) {
    return new AwsCostSource(AwsClients.create(session, resolver, clientSettings), settings, true);
  }

  /** A source over clients the caller keeps (and closes). */
  public static AwsCostSource over(AwsClients clients, AwsCostSettings settings) {
    return new AwsCostSource(clients, settings, false);
  }

  @Override
  public String describe() {
    return "aws payer " + clients.describeSession();
  }

  /** Every page of the window: {@link CostFetch#requests()} is the pages requested (billed). */
  @Override
  public CostFetch fetch(CostWindow window) {
    GetCostAndUsageRequest first =
        GetCostAndUsageRequest.builder()
            .timePeriod(t -> t.start(window.start().toString()).end(window.end().toString()))
            .granularity(Granularity.DAILY)
            .metrics(settings.metric())
            .groupBy(GROUP_BY)
            .build();
    List<CostRow> rows = new ArrayList<>();
    long pages = 0;
    String token = null;
    do {
      GetCostAndUsageResponse page;
      try {
        page =
            clients.costExplorer().getCostAndUsage(first.toBuilder().nextPageToken(token).build());
      } catch (SdkException e) {
        throw AwsErrors.mapAny(e, OPERATION, clients.describeSession());
      }
      pages++;
      for (ResultByTime result : page.resultsByTime()) {
        LocalDate date = LocalDate.parse(result.timePeriod().start());
        boolean estimated = Boolean.TRUE.equals(result.estimated());
        for (Group group : result.groups()) {
          rows.add(row(date, estimated, group));
        }
      }
      token = page.nextPageToken();
    } while (token != null && !token.isEmpty());
    return new CostFetch(rows, pages);
  }

  private CostRow row(LocalDate date, boolean estimated, Group group) {
    List<String> keys = group.keys();
    if (keys.size() != 2 || !ACCOUNT_ID.matcher(keys.get(1)).matches()) {
      throw new PermanentException(
          "unexpected-response",
          OPERATION
              + " in "
              + clients.describeSession()
              + " returned group keys "
              + keys
              + ", expected [service, linked account id]");
    }
    MetricValue value = group.metrics().get(settings.metric());
    if (value == null || value.amount() == null || value.unit() == null) {
      throw new PermanentException(
          "unexpected-response",
          OPERATION
              + " in "
              + clients.describeSession()
              + " returned no "
              + settings.metric()
              + " for "
              + keys
              + " on "
              + date);
    }
    return new CostRow(
        AccountKey.of(Provider.AWS, keys.get(1)),
        date,
        keys.get(0),
        CostRow.parseAmount(value.amount()),
        value.unit(),
        estimated);
  }

  @Override
  public void close() {
    if (ownsClients) {
      clients.close();
    }
  }
}
