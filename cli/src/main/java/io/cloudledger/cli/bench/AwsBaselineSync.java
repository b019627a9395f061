package io.cloudledger.cli.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The baseline: the straightforward inventory script a user would write with the same SDK, against
 * the same sandbox, into its own DynamoDB table. Accounts and regions one after the other;
 * instances listed in pages, then one {@code DescribeInstances} by id per instance for its current
 * state; VPCs and subnets listed; one {@code GetBucketLocation} per bucket; one {@code PutItem} per
 * resource on every run, whether it changed or not. No diffing, no batching, no tombstones.
 */
final class AwsBaselineSync implements SyncImplementation {
  private static final Logger LOG = LoggerFactory.getLogger(AwsBaselineSync.class);
  private static final String ACCOUNT_KEY = "accountKey";
  private static final String RESOURCE_KEY = "resourceKey";

  /** One account as the user's script knows it: the role to assume and its ExternalId. */
  record Target(String accountId, String roleArn, String externalId) {}

  private final List<Target> targets;
  private final URI endpoint;
  private final AwsBasicCredentials managementKeys;
  private final SdkHttpClient http;
  private final DynamoDbClient dynamoDb;
  private final String table;

  AwsBaselineSync(
      List<Target> targets,
      URI endpoint,
      AwsBasicCredentials managementKeys,
      SdkHttpClient http,
      DynamoDbClient dynamoDb,
      String table) {
    this.targets = List.copyOf(targets);
    this.endpoint = endpoint;
    this.managementKeys = managementKeys;
    this.http = http;
    this.dynamoDb = dynamoDb;
    this.table = table;
    createTable();
  }

  @Override
  public String name() {
    return BASELINE;
  }

  @Override
  public SyncOutcome syncAll(String requestId) {
    Tally tally = new Tally();
    int failed = 0;
    for (Target target : targets) {
      try {
        syncAccount(target, tally);
      } catch (RuntimeException e) {
        // A user's script would log and go on to the next account; the report counts it.
        LOG.warn("baseline sync of aws#{} failed: {}", target.accountId(), e.toString());
        failed++;
      }
    }
    return new SyncOutcome(
        tally.resources.get(),
        tally.puts.get(),
        tally.puts.get(),
        tally.writeUnits(),
        tally.puts.get(),
        failed);
  }

  private void syncAccount(Target target, Tally tally) {
    AwsCredentialsProvider credentials = assumeRole(target);
    String accountKey = "aws#" + target.accountId();
    List<String> regions;
    try (Ec2Client home = ec2(credentials, "us-east-1")) {
      regions =
          home.describeRegions().regions().stream()
              .filter(r -> !"not-opted-in".equals(r.optInStatus()))
              .map(r -> r.regionName())
              .sorted()
              .toList();
    }
    for (String region : regions) {
      try (Ec2Client ec2 = ec2(credentials, region)) {
        for (var page : ec2.describeInstancesPaginator(r -> r.maxResults(1000))) {
          for (Reservation reservation : page.reservations()) {
            for (Instance listed : reservation.instances()) {
              // The "details" call: the current state of this one instance.
              Instance current =
                  ec2.describeInstances(r -> r.instanceIds(listed.instanceId()))
                      .reservations()
                      .get(0)
                      .instances()
                      .get(0);
              Map<String, AttributeValue> item =
                  item(accountKey, "vm", region, current.instanceId());
              put(item, "name", nameTag(current.tags()));
              put(item, "state", current.state().nameAsString());
              put(item, "instanceType", current.instanceTypeAsString());
              put(item, "privateIp", current.privateIpAddress());
              put(item, "vpcId", current.vpcId());
              put(item, "subnetId", current.subnetId());
              item.put("tags", tags(current.tags()));
              write(item, tally);
            }
          }
        }
        for (var page : ec2.describeVpcsPaginator(r -> r.maxResults(1000))) {
          for (Vpc vpc : page.vpcs()) {
            Map<String, AttributeValue> item = item(accountKey, "network", region, vpc.vpcId());
            put(item, "name", nameTag(vpc.tags()));
            put(item, "state", vpc.stateAsString());
            put(item, "cidrBlock", vpc.cidrBlock());
            item.put("tags", tags(vpc.tags()));
            write(item, tally);
          }
        }
        for (var page : ec2.describeSubnetsPaginator(r -> r.maxResults(1000))) {
          for (Subnet subnet : page.subnets()) {
            Map<String, AttributeValue> item =
                item(accountKey, "subnet", region, subnet.subnetId());
            put(item, "name", nameTag(subnet.tags()));
            put(item, "vpcId", subnet.vpcId());
            put(item, "cidrBlock", subnet.cidrBlock());
            item.put("tags", tags(subnet.tags()));
            write(item, tally);
          }
        }
      }
    }
    try (S3Client s3 = s3(credentials)) {
      for (var page : s3.listBucketsPaginator(r -> r.maxBuckets(1000))) {
        for (Bucket bucket : page.buckets()) {
          String location =
              s3.getBucketLocation(r -> r.bucket(bucket.name())).locationConstraintAsString();
          String region = location == null || location.isEmpty() ? "us-east-1" : location;
          Map<String, AttributeValue> item = item(accountKey, "storage", region, bucket.name());
          put(item, "name", bucket.name());
          put(item, "created", String.valueOf(bucket.creationDate()));
          write(item, tally);
        }
      }
    }
  }

  private AwsCredentialsProvider assumeRole(Target target) {
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(managementKeys))
            .httpClient(http)
            .build()) {
      AssumeRoleResponse response =
          sts.assumeRole(
              r -> {
                r.roleArn(target.roleArn()).roleSessionName("inventory-script");
                if (!target.externalId().isEmpty()) {
                  r.externalId(target.externalId());
                }
              });
      Credentials c = response.credentials();
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }
  }

  private Ec2Client ec2(AwsCredentialsProvider credentials, String region) {
    return Ec2Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(http)
        .build();
  }

  private S3Client s3(AwsCredentialsProvider credentials) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(credentials)
        .httpClient(http)
        .build();
  }

  private static Map<String, AttributeValue> item(
      String accountKey, String type, String region, String id) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ACCOUNT_KEY, AttributeValue.fromS(accountKey));
    item.put(RESOURCE_KEY, AttributeValue.fromS(type + "#" + region + "#" + id));
    item.put("region", AttributeValue.fromS(region));
    return item;
  }

  private static void put(Map<String, AttributeValue> item, String name, String value) {
    if (value != null && !value.isEmpty()) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static String nameTag(List<Tag> tags) {
    return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse("");
  }

  private static AttributeValue tags(List<Tag> tags) {
    return AttributeValue.fromM(
        tags.stream()
            .collect(
                Collectors.toMap(
                    Tag::key, t -> AttributeValue.fromS(t.value()), (a, b) -> b, HashMap::new)));
  }

  private void write(Map<String, AttributeValue> item, Tally tally) {
    PutItemResponse response =
        dynamoDb.putItem(
            r ->
                r.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    tally.resources.incrementAndGet();
    tally.puts.incrementAndGet();
    if (response.consumedCapacity() != null
        && response.consumedCapacity().capacityUnits() != null) {
      tally.writeMilliUnits.addAndGet(
          Math.round(response.consumedCapacity().capacityUnits() * 1000));
    }
  }

  private void createTable() {
    try {
      dynamoDb.createTable(
          r ->
              r.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName(ACCOUNT_KEY)
                          .attributeType(ScalarAttributeType.S)
                          .build(),
                      AttributeDefinition.builder()
                          .attributeName(RESOURCE_KEY)
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder()
                          .attributeName(ACCOUNT_KEY)
                          .keyType(KeyType.HASH)
                          .build(),
                      KeySchemaElement.builder()
                          .attributeName(RESOURCE_KEY)
                          .keyType(KeyType.RANGE)
                          .build()));
    } catch (ResourceInUseException exists) {
      // A table left from an earlier run of the same prefix: the baseline overwrites its items.
    }
    dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table));
  }

  /** Counts of one run. */
  private static final class Tally {
    final AtomicLong resources = new AtomicLong();
    final AtomicLong puts = new AtomicLong();
    final AtomicLong writeMilliUnits = new AtomicLong();

    double writeUnits() {
      return writeMilliUnits.get() / 1000.0;
    }
  }
}
