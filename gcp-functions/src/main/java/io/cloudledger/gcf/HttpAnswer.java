package io.cloudledger.gcf;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.cloudledger.core.dispatch.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reading a request body and writing a core {@link ApiResponse} as JSON, for the HTTP functions.
 */
final class HttpAnswer {
  private HttpAnswer() {}

  static String body(HttpRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void write(HttpResponse response, ApiResponse answer) throws IOException {
    response.setStatusCode(answer.status());
    response.setContentType("application/json");
    response.getWriter().write(answer.body());
  }
}
