package io.cloudledger.azurefn;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP trigger's request as the Java worker builds it (method, URI, headers, an optional body)
 * with the response builder it supplies.
 */
public record TestHttpRequest(
    HttpMethod method, URI uri, Map<String, String> headers, Optional<String> body)
    implements HttpRequestMessage<Optional<String>> {

  public static TestHttpRequest post(String path, String body) {
    return new TestHttpRequest(
        HttpMethod.POST,
        URI.create("https://app.example" + path),
        Map.of(),
        Optional.ofNullable(body));
  }

  public static TestHttpRequest get(String path) {
    return new TestHttpRequest(
        HttpMethod.GET, URI.create("https://app.example" + path), Map.of(), Optional.empty());
  }

  public TestHttpRequest withHeaders(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(headers);
    all.putAll(more);
    return new TestHttpRequest(method, uri, Map.copyOf(all), body);
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public HttpMethod getHttpMethod() {
    return method;
  }

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, String> getQueryParameters() {
    return Map.of();
  }

  @Override
  public Optional<String> getBody() {
    return body;
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new Response.Builder().status(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new Response.Builder().status(status);
  }

  /** The response the function built. */
  public record Response(HttpStatusType status, Map<String, String> headers, Object body)
      implements HttpResponseMessage {

    @Override
    public HttpStatusType getStatus() {
      return status;
    }

    @Override
    public String getHeader(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Object getBody() {
      return body;
    }

    public String bodyText() {
      return body == null ? "" : body.toString();
    }

    static final class Builder implements HttpResponseMessage.Builder {
      private HttpStatusType status = HttpStatus.OK;
      private final Map<String, String> headers = new TreeMap<>();
      private Object body;

      @Override
      public HttpResponseMessage.Builder status(HttpStatusType newStatus) {
        this.status = newStatus;
        return this;
      }

      @Override
      public HttpResponseMessage.Builder header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
      }

      @Override
      public HttpResponseMessage.Builder body(Object newBody) {
        this.body = newBody;
        return this;
      }

      @Override
      public HttpResponseMessage build() {
        return new Response(status, Map.copyOf(headers), body);
      }
    }
  }
}
