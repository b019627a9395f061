package io.cloudledger.azure.session;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Counts ARM requests per subscription, retries included (it runs once per attempt), so a listing
 * can report its API calls even while other subscriptions are listed through the same clients.
 */
public final class ArmCallCounter implements HttpPipelinePolicy {
  private static final Pattern SUBSCRIPTION =
      Pattern.compile("/subscriptions/([^/?#]+)", Pattern.CASE_INSENSITIVE);
  private static final String TENANT_LEVEL = "";

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    count(context);
    return next.process();
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    count(context);
    return next.processSync();
  }

  private void count(HttpPipelineCallContext context) {
    Matcher matcher = SUBSCRIPTION.matcher(context.getHttpRequest().getUrl().getPath());
    String key = matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : TENANT_LEVEL;
    calls.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** Requests made so far for {@code subscriptionId}. */
  public long calls(String subscriptionId) {
    LongAdder adder = calls.get(subscriptionId.toLowerCase(Locale.ROOT));
    return adder == null ? 0 : adder.sum();
  }

  /** Every ARM request so far, subscription listings included. */
  public long total() {
    return calls.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
