package io.cloudledger.azure.session;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.net.URI;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * Sends requests for one host and port over plain http. The SDK insists on https for bearer tokens
 * and authority hosts, so a plain-http endpoint (the sandbox, a local proxy) is configured as https
 * and downgraded here, after the token was attached.
 */
public final class HttpsToHttpPolicy implements HttpPipelinePolicy {
  private final String httpsPrefix;
  private final String httpPrefix;

  /** Rewrites requests to {@code endpoint}'s host and port ({@code http://host:port}). */
  public HttpsToHttpPolicy(URI endpoint) {
    String authority = endpoint.getRawAuthority().toLowerCase(Locale.ROOT);
    this.httpsPrefix = "https://" + authority;
    this.httpPrefix = "http://" + authority;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    rewrite(context);
    return next.process();
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    rewrite(context);
    return next.processSync();
  }

  private void rewrite(HttpPipelineCallContext context) {
    String url = context.getHttpRequest().getUrl().toString();
    if (url.regionMatches(true, 0, httpsPrefix, 0, httpsPrefix.length())
        && (url.length() == httpsPrefix.length()
            || "/?#".indexOf(url.charAt(httpsPrefix.length())) >= 0)) {
      context.getHttpRequest().setUrl(httpPrefix + url.substring(httpsPrefix.length()));
    }
  }
}
