package io.cloudledger.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Looks at the sandbox's bytes on the wire: DescribeInstances against AWS's documented sample,
 * determinism, and each protocol's error document.
 */
class WireShapeTest {
  private static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String ROOT = Sandbox.MANAGEMENT_KEYS.accessKeyId();

  /** Parts of the AWS sample the sandbox deliberately does not emulate. */
  private static final List<String> NOT_EMULATED =
      List.of(
          "/keyName",
          "/networkInterfaceSet",
          "/capacityReservationSpecification",
          "/hibernationOptions",
          "/enclaveOptions",
          "/metadataOptions",
          "/privateDnsNameOptions",
          "/maintenanceOptions");

  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withAccounts(2).withResourcesPerAccount(200));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static String describeInstances(Sandbox target) {
    HttpResponse<String> response =
        RawAws.query(
            target.endpoints().aws(),
            ROOT,
            "us-east-1",
            "ec2",
            "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void describeInstances_elementNamesAndNesting_matchAwsDocumentedSample() throws IOException {
    Document sample;
    try (InputStream in =
        getClass().getResourceAsStream("/aws-samples/ec2-describe-instances-response.xml")) {
      sample = RawAws.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Document actual = RawAws.parse(describeInstances(sandbox));

    assertThat(actual.getDocumentElement().getNamespaceURI()).isEqualTo(EC2_NAMESPACE);
    assertThat(actual.getDocumentElement().getNamespaceURI())
        .isEqualTo(sample.getDocumentElement().getNamespaceURI());
    Set<String> samplePaths = RawAws.elementPaths(sample);
    Set<String> actualPaths = RawAws.elementPaths(actual);
    // Nothing the sandbox writes may be missing from the real protocol...
    assertThat(samplePaths).containsAll(actualPaths);
    // ...and everything of the sample it claims to emulate must be there.
    Set<String> emulated = new LinkedHashSet<>();
    String instance = "/DescribeInstancesResponse/reservationSet/item/instancesSet/item";
    for (String path : samplePaths) {
      boolean skipped =
          NOT_EMULATED.stream()
              .anyMatch(p -> path.equals(instance + p) || path.startsWith(instance + p + "/"));
      if (!skipped) {
        emulated.add(path);
      }
    }
    assertThat(actualPaths).containsAll(emulated);
  }

  @Test
  void describeInstances_sameInputs_giveByteIdenticalResourceXml() {
    String first = describeInstances(sandbox).replaceAll("<requestId>[^<]*</requestId>", "");
    try (Sandbox twin = Sandbox.start(sandbox.options());
        Sandbox other = Sandbox.start(sandbox.options().withSeed(7))) {
      String second = describeInstances(twin).replaceAll("<requestId>[^<]*</requestId>", "");
      String different = describeInstances(other).replaceAll("<requestId>[^<]*</requestId>", "");

      assertThat(second).isEqualTo(first);
      assertThat(different).isNotEqualTo(first);
    }
  }

  @Test
  void ec2Error_hasResponseErrorsErrorShape_andAuthFailure401() {
    HttpResponse<String> response =
        RawAws.query(
            sandbox.endpoints().aws(),
            "AKIAUNKNOWN000000000",
            "us-east-1",
            "ec2",
            "Action=DescribeVpcs");

    assertThat(response.statusCode()).isEqualTo(401);
    Document error = RawAws.parse(response.body());
    assertThat(RawAws.elementPaths(error))
        .containsExactly(
            "/Response",
            "/Response/Errors",
            "/Response/Errors/Error",
            "/Response/Errors/Error/Code",
            "/Response/Errors/Error/Message",
            "/Response/RequestID");
    assertThat(RawAws.text(error, "Code")).isEqualTo("AuthFailure");
  }

  @Test
  void stsError_hasErrorResponseShape_andInvalidClientTokenId403() {
    HttpResponse<String> response =
        RawAws.query(
            sandbox.endpoints().aws(),
            "AKIAUNKNOWN000000000",
            "us-east-1",
            "sts",
            "Action=GetCallerIdentity&Version=2011-06-15");

    assertThat(response.statusCode()).isEqualTo(403);
    Document error = RawAws.parse(response.body());
    assertThat(error.getDocumentElement().getNamespaceURI())
        .isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
    assertThat(RawAws.elementPaths(error))
        .containsExactly(
            "/ErrorResponse",
            "/ErrorResponse/Error",
            "/ErrorResponse/Error/Type",
            "/ErrorResponse/Error/Code",
            "/ErrorResponse/Error/Message",
            "/ErrorResponse/RequestId");
    assertThat(RawAws.text(error, "Code")).isEqualTo("InvalidClientTokenId");
  }

  @Test
  void s3Error_hasErrorShape_andInvalidAccessKeyId403() {
    HttpResponse<String> response =
        RawAws.get(
            sandbox.endpoints().aws(),
            RawAws.authorization("AKIAUNKNOWN000000000", "us-east-1", "s3"));

    assertThat(response.statusCode()).isEqualTo(403);
    Document error = RawAws.parse(response.body());
    assertThat(error.getDocumentElement().getLocalName()).isEqualTo("Error");
    assertThat(RawAws.text(error, "Code")).isEqualTo("InvalidAccessKeyId");
    assertThat(RawAws.text(error, "RequestId")).isNotEmpty();
    assertThat(response.headers().firstValue("x-amz-request-id")).isPresent();
  }

  @Test
  void s3ListBuckets_usesTheS3NamespaceAndBucketRegion() {
    HttpResponse<String> response =
        RawAws.get(sandbox.endpoints().aws(), RawAws.authorization(ROOT, "us-east-1", "s3"));

    Document list = RawAws.parse(response.body());
    assertThat(list.getDocumentElement().getNamespaceURI())
        .isEqualTo("http://s3.amazonaws.com/doc/2006-03-01/");
    assertThat(RawAws.elementPaths(list))
        .contains(
            "/ListAllMyBucketsResult/Owner/ID",
            "/ListAllMyBucketsResult/Buckets/Bucket/Name",
            "/ListAllMyBucketsResult/Buckets/Bucket/CreationDate",
            "/ListAllMyBucketsResult/Buckets/Bucket/BucketRegion");
  }

  @Test
  void s3GetBucketLocation_acceptsVirtualHostStyle() throws IOException {
    var bucket =
        sandbox.estate().managementAccount().buckets().stream()
            .filter(b -> !b.region().equals("us-east-1"))
            .findFirst()
            .orElseThrow();
    int port = sandbox.endpoints().aws().getPort();
    // java.net.http refuses to set Host, so speak HTTP/1.1 over a plain socket.
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      String request =
          "GET /?location HTTP/1.1\r\n"
              + "Host: "
              + bucket.name()
              + ".s3.localhost:"
              + port
              + "\r\nAuthorization: "
              + RawAws.authorization(ROOT, "us-east-1", "s3")
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response).startsWith("HTTP/1.1 200");
      assertThat(response).contains(">" + bucket.region() + "</LocationConstraint>");
    }
  }
}
