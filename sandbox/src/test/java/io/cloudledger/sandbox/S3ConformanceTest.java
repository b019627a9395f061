package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Bucket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Drives S3 only through the real {@link S3Client}. */
class S3ConformanceTest {
  private static Sandbox sandbox;
  private static AwsAccount management;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(2).withResourcesPerAccount(250));
    management = sandbox.estate().managementAccount();
    s3 = SdkClients.s3(sandbox, SdkClients.management(sandbox));
  }

  @AfterAll
  static void stop() {
    s3.close();
    sandbox.close();
  }

  @Test
  void listBuckets_pagedWithMaxBuckets_returnsEachBucketOnceWithItsRegion() {
    List<String> listed = new ArrayList<>();
    int pages = 0;
    for (ListBucketsResponse page : s3.listBucketsPaginator(r -> r.maxBuckets(4))) {
      pages++;
      page.buckets()
          .forEach(
              b -> {
                listed.add(b.name() + "@" + b.bucketRegion());
                assertThat(b.creationDate()).isNotNull();
              });
    }

    assertThat(listed)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            management.buckets().stream().map(b -> b.name() + "@" + b.region()).toList());
    assertThat(pages).isEqualTo((management.buckets().size() + 3) / 4);
    assertThat(management.buckets()).anyMatch(b -> !b.region().equals("us-east-1"));
  }

  @Test
  void listBuckets_withBucketRegion_filtersByRegion() {
    assertThat(s3.listBuckets(r -> r.bucketRegion("us-east-1")).buckets())
        .extracting(b -> b.bucketRegion())
        .isNotEmpty()
        .containsOnly("us-east-1");
  }

  @Test
  void getBucketLocation_reportsTheRegion_andEmptyForUsEast1() {
    for (Bucket bucket : management.buckets()) {
      String constraint =
          s3.getBucketLocation(r -> r.bucket(bucket.name())).locationConstraintAsString();
      assertThat(constraint).isEqualTo(bucket.region().equals("us-east-1") ? "" : bucket.region());
    }
  }

  @Test
  void getBucketLocation_ofAnotherAccountsBucket_isAccessDenied_andOfNoBucket_isNoSuchBucket() {
    String foreign = sandbox.estate().accounts().get(1).buckets().get(0).name();

    assertThatThrownBy(() -> s3.getBucketLocation(r -> r.bucket(foreign)))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> s3.getBucketLocation(r -> r.bucket("no-such-bucket-anywhere")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
            });
  }

  @Test
  void anyCall_withUnknownAccessKey_isInvalidAccessKeyId() {
    try (S3Client unknown = SdkClients.s3(sandbox, SdkClients.keys("AKIAUNKNOWN000000000", "x"))) {
      assertThatThrownBy(unknown::listBuckets)
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
              });
    }
  }
}
