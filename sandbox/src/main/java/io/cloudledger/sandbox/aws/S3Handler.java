package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Bucket;
import io.cloudledger.sandbox.estate.Estate;
import io.cloudledger.sandbox.fault.FaultDecision;
import io.cloudledger.sandbox.http.SandboxRequest;
import io.cloudledger.sandbox.http.SandboxResponse;
import io.cloudledger.sandbox.http.Xml;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * S3 over the REST-XML protocol: ListBuckets (with {@code BucketRegion}, {@code max-buckets} and
 * {@code continuation-token}) and GetBucketLocation, path-style or virtual-host style.
 */
final class S3Handler implements AwsServiceHandler {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private final Estate estate;
  private final AwsIdentities identities;
  private final AwsCallGate gate;

  S3Handler(Estate estate, AwsIdentities identities, AwsCallGate gate) {
    this.estate = estate;
    this.identities = identities;
    this.gate = gate;
  }

  @Override
  public SandboxResponse handle(SandboxRequest request, SigV4Scope scope) {
    Optional<String> bucket = bucketOf(request);
    Map<String, String> query = request.queryParameters();
    String operation = operation(request.method(), bucket, query);
    Optional<AwsCaller> caller =
        identities.resolve(scope.accessKeyId(), request.header("x-amz-security-token"));
    Optional<AwsAccount> account = caller.flatMap(c -> estate.account(c.accountId()));
    if (account.isEmpty()) {
      gate.countUnauthenticated(operation);
      return error(
          403,
          "InvalidAccessKeyId",
          "The AWS Access Key Id you provided does not exist in our records.",
          Map.of("AWSAccessKeyId", scope.accessKeyId()));
    }
    return switch (operation) {
      case "ListBuckets" -> listBuckets(account.get(), query, scope);
      case "GetBucketLocation" -> getBucketLocation(account.get(), bucket.orElseThrow(), scope);
      default -> {
        gate.enter(operation, account.get().accountId(), scope.region(), 1);
        yield error(
            501,
            "NotImplemented",
            "A header or query you provided implies functionality that the sandbox does not serve.",
            Map.of());
      }
    };
  }

  private static String operation(
      String method, Optional<String> bucket, Map<String, String> query) {
    if (method.equals("GET") && bucket.isEmpty()) {
      return "ListBuckets";
    }
    if (method.equals("GET") && query.containsKey("location")) {
      return "GetBucketLocation";
    }
    return method + (bucket.isPresent() ? "Bucket" : "Service");
  }

  private SandboxResponse listBuckets(
      AwsAccount account, Map<String, String> query, SigV4Scope scope) {
    int offset = 0;
    int page = 1;
    String rawToken = query.get("continuation-token");
    if (rawToken != null) {
      Optional<PageToken> token = PageToken.decode(rawToken, "ListBuckets");
      if (token.isEmpty()) {
        return error(
            400, "InvalidArgument", "The continuation token provided is incorrect", Map.of());
      }
      offset = token.get().offset();
      page = token.get().page();
    }
    FaultDecision fault = gate.enter("ListBuckets", account.accountId(), scope.region(), page);
    if (fault.fails()) {
      return injected(fault);
    }
    String prefix = query.getOrDefault("prefix", "");
    String region = query.getOrDefault("bucket-region", "");
    List<Bucket> buckets =
        account.buckets().stream()
            .filter(b -> b.name().startsWith(prefix))
            .filter(b -> region.isEmpty() || b.region().equals(region))
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .toList();
    int max = buckets.size();
    if (query.containsKey("max-buckets")) {
      try {
        max = Integer.parseInt(query.get("max-buckets"));
      } catch (NumberFormatException e) {
        max = 0;
      }
      if (max < 1 || max > 10_000) {
        return error(
            400,
            "InvalidArgument",
            "Argument max-buckets must be an integer between 1 and 10000.",
            Map.of("ArgumentName", "max-buckets", "ArgumentValue", query.get("max-buckets")));
      }
    }
    int from = Math.min(offset, buckets.size());
    int to = Math.min(from + max, buckets.size());

    Xml xml = Xml.document("ListAllMyBucketsResult", NAMESPACE);
    xml.start("Owner")
        .text("ID", canonicalUserId(account.accountId()))
        .text("DisplayName", "sandbox-" + account.accountId())
        .end();
    xml.start("Buckets");
    for (Bucket bucket : buckets.subList(from, to)) {
      xml.start("Bucket")
          .text("Name", bucket.name())
          .text("CreationDate", Ec2Handler.TIMESTAMP.format(bucket.creationDate()))
          .text("BucketRegion", bucket.region())
          .end();
    }
    xml.end();
    if (to < buckets.size()) {
      xml.text("ContinuationToken", new PageToken("ListBuckets", to, page + 1).encode());
    }
    if (!prefix.isEmpty()) {
      xml.text("Prefix", prefix);
    }
    return ok(xml);
  }

  private SandboxResponse getBucketLocation(AwsAccount account, String name, SigV4Scope scope) {
    FaultDecision fault = gate.enter("GetBucketLocation", account.accountId(), scope.region(), 1);
    if (fault.fails()) {
      return injected(fault);
    }
    Optional<Bucket> own =
        account.buckets().stream().filter(b -> b.name().equals(name)).findFirst();
    if (own.isEmpty()) {
      boolean elsewhere =
          estate.accounts().stream()
              .flatMap(a -> a.buckets().stream())
              .anyMatch(b -> b.name().equals(name));
      return elsewhere
          ? error(403, "AccessDenied", "Access Denied", Map.of())
          : error(
              404,
              "NoSuchBucket",
              "The specified bucket does not exist",
              Map.of("BucketName", name));
    }
    // us-east-1 is reported as an empty LocationConstraint, for historical reasons.
    String region = own.get().region();
    Xml xml = Xml.document("LocationConstraint", NAMESPACE);
    if (!region.equals("us-east-1")) {
      xml.characters(region);
    }
    return ok(xml);
  }

  /**
   * Extracts the bucket from a virtual-host name ({@code b.localhost}, {@code b.s3...}) or path.
   */
  static Optional<String> bucketOf(SandboxRequest request) {
    String host = request.header("host").orElse("").toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    int s3 = host.indexOf(".s3.");
    if (s3 < 0 && host.endsWith(".localhost")) {
      s3 = host.length() - ".localhost".length();
    }
    if (s3 > 0) {
      return Optional.of(host.substring(0, s3));
    }
    String path = request.path();
    String first = path.startsWith("/") ? path.substring(1) : path;
    int slash = first.indexOf('/');
    String bucket = slash >= 0 ? first.substring(0, slash) : first;
    return bucket.isEmpty()
        ? Optional.empty()
        : Optional.of(URLDecoder.decode(bucket, StandardCharsets.UTF_8));
  }

  /** S3 canonical user ids are 64 hex characters; derive a stable one from the account. */
  private static String canonicalUserId(String accountId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(accountId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static SandboxResponse ok(Xml xml) {
    String requestId = requestId();
    return SandboxResponse.xml(
        200, xml.finish(), Map.of("x-amz-request-id", requestId, "x-amz-id-2", requestId));
  }

  private static SandboxResponse injected(FaultDecision fault) {
    return switch (fault.failure()) {
      case THROTTLE -> error(503, "SlowDown", "Please reduce your request rate.", Map.of());
      case SERVER_ERROR ->
          error(
              500,
              "InternalError",
              "We encountered an internal error. Please try again.",
              Map.of());
      case DENY -> error(403, "AccessDenied", "Access Denied", Map.of());
      case NONE -> throw new IllegalStateException("no failure to answer");
    };
  }

  /** S3's error document: {@code <Error><Code/><Message/>...<RequestId/><HostId/></Error>}. */
  static SandboxResponse error(int status, String code, String message, Map<String, String> extra) {
    String requestId = requestId();
    Xml xml = Xml.document("Error");
    xml.text("Code", code).text("Message", message);
    extra.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> xml.text(e.getKey(), e.getValue()));
    xml.text("RequestId", requestId).text("HostId", requestId);
    return SandboxResponse.xml(
        status, xml.finish(), Map.of("x-amz-request-id", requestId, "x-amz-id-2", requestId));
  }

  private static String requestId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
  }
}
