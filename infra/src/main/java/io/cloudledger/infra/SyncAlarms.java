package io.cloudledger.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The alarms of the sync path, all to one encrypted SNS topic: anything in the dead-letter queue,
 * worker errors or throttles, a queue that is not being drained, and accounts whose inventory has
 * not been completely synced for several schedule intervals.
 */
public final class SyncAlarms extends Construct {

  /**
   * What the alarms watch.
   *
   * @param alarmEmail subscribed to the topic when not empty
   * @param oldestMessageAge how old the oldest queued request may get before someone is told
   */
  public record Props(
      Function worker,
      Queue queue,
      Queue deadLetters,
      String alarmEmail,
      Duration oldestMessageAge) {}

  /** The namespace of the metrics the functions emit themselves (EMF). */
  public static final String METRIC_NAMESPACE = "cloudledger";

  /** The fan-out's count of accounts without a recent complete sync. */
  public static final String ACCOUNTS_NOT_SYNCED = "AccountsNotSynced";

  /** How many schedule intervals without a complete sync make an account "not synced". */
  public static final int FRESHNESS_INTERVALS = 3;

  private final Topic topic;
  private final List<Alarm> alarms;

  public SyncAlarms(Construct scope, String id, Props props) {
    super(scope, id);
    Key key =
        Key.Builder.create(this, "TopicKey")
            .description("cloudledger: encrypts the alarm topic")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    // CloudWatch publishes to an encrypted topic only when the key lets it.
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
            .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
            .resources(List.of("*"))
            .build());
    this.topic =
        Topic.Builder.create(this, "Topic")
            .displayName("cloudledger alarms")
            .masterKey(key)
            .enforceSsl(true)
            .build();
    if (!props.alarmEmail().isEmpty()) {
      topic.addSubscription(new EmailSubscription(props.alarmEmail()));
    }
    MetricOptions everyMinuteMax =
        MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build();
    MetricOptions everyFiveMinutesSum =
        MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
    this.alarms =
        List.of(
            alarm(
                "DeadLettersNotEmpty",
                "a sync request failed for good and sits in the dead-letter queue",
                props.deadLetters().metricApproximateNumberOfMessagesVisible(everyMinuteMax),
                0),
            alarm(
                "WorkerErrors",
                "the sync worker failed (an invocation error, not a failed batch item)",
                props.worker().metricErrors(everyFiveMinutesSum),
                0),
            alarm(
                "WorkerThrottles",
                "the sync worker was throttled: raise its concurrency or the account's quota",
                props.worker().metricThrottles(everyFiveMinutesSum),
                0),
            alarm(
                "OldestMessageAge",
                "sync requests wait too long in the queue: the worker is not keeping up",
                props.queue().metricApproximateAgeOfOldestMessage(everyMinuteMax),
                props.oldestMessageAge().toSeconds()),
            alarm(
                ACCOUNTS_NOT_SYNCED,
                "accounts have had no complete sync within "
                    + FRESHNESS_INTERVALS
                    + " schedule intervals (the fan-out's EMF metric; its log lists them)",
                Metric.Builder.create()
                    .namespace(METRIC_NAMESPACE)
                    .metricName(ACCOUNTS_NOT_SYNCED)
                    .period(Duration.hours(1))
                    .statistic("Maximum")
                    .build(),
                0));
    SnsAction action = new SnsAction(topic);
    alarms.forEach(alarm -> alarm.addAlarmAction(action));
  }

  private Alarm alarm(String id, String description, IMetric metric, Number threshold) {
    return Alarm.Builder.create(this, id)
        .alarmDescription("cloudledger: " + description)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .evaluationPeriods(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  public Topic topic() {
    return topic;
  }

  /** The alarms by construct id. */
  public Map<String, Alarm> alarms() {
    LinkedHashMap<String, Alarm> byId = new LinkedHashMap<>();
    alarms.forEach(alarm -> byId.put(alarm.getNode().getId(), alarm));
    return Collections.unmodifiableMap(byId);
  }
}
