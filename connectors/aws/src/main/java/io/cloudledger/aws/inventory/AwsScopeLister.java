package io.cloudledger.aws.inventory;

import io.cloudledger.aws.session.AwsClients;
import io.cloudledger.aws.session.AwsErrors;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.inventory.PageSink;
import io.cloudledger.core.inventory.ResourcePage;
import io.cloudledger.core.inventory.ScopeLister;
import io.cloudledger.core.inventory.ScopeOutcome;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.ResourceObservation;
import io.cloudledger.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

/**
 * Lists one scope of an account with the SDK's paginators, one page per call, sending each page to
 * the sink as it arrives; SDK failures become the core's retryable or permanent errors naming the
 * account, region and operation.
 */
final class AwsScopeLister implements ScopeLister {
  private final AwsClients clients;
  private final AccountKey account;
  private final int pageSize;

  AwsScopeLister(AwsClients clients, AccountKey account, int pageSize) {
    this.clients = clients;
    this.account = account;
    this.pageSize = pageSize;
  }

  @Override
  public ScopeOutcome list(Scope scope, PageSink sink) {
    String operation = operation(scope);
    try {
      switch (scope.type()) {
        case VM -> listInstances(scope, sink);
        case NETWORK -> listVpcs(scope, sink);
        case SUBNET -> listSubnets(scope, sink);
        case STORAGE -> listBuckets(scope, sink);
      }
    } catch (SdkException e) {
      throw AwsErrors.map(e, operation, account + "/" + scope.region());
    }
    return ScopeOutcome.complete(scope);
  }

  static String operation(Scope scope) {
    return switch (scope.type()) {
      case VM -> "DescribeInstances";
      case NETWORK -> "DescribeVpcs";
      case SUBNET -> "DescribeSubnets";
      case STORAGE -> "ListBuckets";
    };
  }

  private void listInstances(Scope scope, PageSink sink) {
    Ec2Client ec2 = clients.ec2(scope.region());
    for (DescribeInstancesResponse page :
        ec2.describeInstancesPaginator(r -> r.maxResults(pageSize))) {
      List<ResourceObservation> observations = new ArrayList<>();
      for (Reservation reservation : page.reservations()) {
        for (Instance instance : reservation.instances()) {
          observations.add(AwsNormalizer.instance(scope.region(), instance));
        }
      }
      send(scope, observations, sink);
    }
  }

  private void listVpcs(Scope scope, PageSink sink) {
    Ec2Client ec2 = clients.ec2(scope.region());
    for (DescribeVpcsResponse page : ec2.describeVpcsPaginator(r -> r.maxResults(pageSize))) {
      List<ResourceObservation> observations = new ArrayList<>();
      for (Vpc vpc : page.vpcs()) {
        observations.add(AwsNormalizer.vpc(scope.region(), vpc));
      }
      send(scope, observations, sink);
    }
  }

  private void listSubnets(Scope scope, PageSink sink) {
    Ec2Client ec2 = clients.ec2(scope.region());
    for (DescribeSubnetsResponse page : ec2.describeSubnetsPaginator(r -> r.maxResults(pageSize))) {
      List<ResourceObservation> observations = new ArrayList<>();
      for (Subnet subnet : page.subnets()) {
        observations.add(AwsNormalizer.subnet(scope.region(), subnet));
      }
      send(scope, observations, sink);
    }
  }

  /** Buckets of every region in one listing: ListBuckets reports each bucket's region. */
  private void listBuckets(Scope scope, PageSink sink) {
    for (ListBucketsResponse page :
        clients.s3().listBucketsPaginator(r -> r.maxBuckets(pageSize))) {
      List<ResourceObservation> observations = new ArrayList<>();
      for (Bucket bucket : page.buckets()) {
        String region = bucket.bucketRegion();
        if (region == null || region.isBlank()) {
          // Without it we would need a call per bucket; an endpoint that omits it is not S3.
          throw new PermanentException(
              "BucketRegionMissing",
              "ListBuckets in "
                  + account
                  + " returned bucket "
                  + bucket.name()
                  + " without its BucketRegion");
        }
        observations.add(AwsNormalizer.bucket(region, bucket));
      }
      send(scope, observations, sink);
    }
  }

  private static void send(Scope scope, List<ResourceObservation> observations, PageSink sink) {
    if (!observations.isEmpty()) {
      sink.accept(ResourcePage.of(scope, observations));
    }
  }
}
