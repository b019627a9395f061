package io.cloudledger.core.dispatch;

import java.util.Objects;

/** An HTTP answer of {@link SyncApi}: status code and JSON body. */
public record ApiResponse(int status, String body) {

  public ApiResponse {
    Objects.requireNonNull(body, "body");
  }
}
