package io.cloudledger.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Sends AWS-shaped requests over plain HTTP, to look at the sandbox's bytes on the wire. */
final class RawAws {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private RawAws() {}

  static String authorization(String accessKeyId, String region, String service) {
    return "AWS4-HMAC-SHA256 Credential="
        + accessKeyId
        + "/20260101/"
        + region
        + "/"
        + service
        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0";
  }

  /** POSTs a Query-protocol form to the sandbox. */
  static HttpResponse<String> query(
      URI base, String accessKeyId, String region, String service, String form) {
    return send(
        HttpRequest.newBuilder(base)
            .header("Authorization", authorization(accessKeyId, region, service))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  static HttpResponse<String> get(URI uri, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  static HttpResponse<String> post(URI uri, String body) {
    return send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request to the sandbox failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException("not well-formed XML: " + xml, e);
    }
  }

  /** Every element path in the document, e.g. {@code /A/b/item/c}, in document order. */
  static Set<String> elementPaths(Document document) {
    Set<String> paths = new LinkedHashSet<>();
    collect(document.getDocumentElement(), "", paths);
    return paths;
  }

  private static void collect(Element element, String parent, Set<String> paths) {
    String path = parent + "/" + element.getLocalName();
    paths.add(path);
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        collect(e, path, paths);
      }
    }
  }

  /** The text of the first element with this local name, or empty. */
  static String text(Document document, String localName) {
    var nodes = document.getElementsByTagNameNS("*", localName);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }
}
