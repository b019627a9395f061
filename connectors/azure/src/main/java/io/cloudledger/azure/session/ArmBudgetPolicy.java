package io.cloudledger.azure.session;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.cloudledger.core.ratelimit.ApiBudgets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Takes a token from the shared ARM budget before every attempt of a session's ARM requests, keyed
 * by subscription and principal (ARM throttles reads per security principal and subscription).
 * Tenant-level calls (the subscription list) use the tenant-level key.
 */
final class ArmBudgetPolicy implements HttpPipelinePolicy {
  private static final Pattern SUBSCRIPTION =
      Pattern.compile("/subscriptions/([^/?#]+)", Pattern.CASE_INSENSITIVE);

  private final ApiBudgets budgets;
  private final String principal;

  /**
   * @param principal names the principal the session signs in as (the session, whose one client id
   *     it is); never a secret
   */
  ArmBudgetPolicy(ApiBudgets budgets, String principal) {
    this.budgets = budgets;
    this.principal = principal;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return Mono.fromRunnable(() -> acquire(context)).then(Mono.defer(next::process));
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    acquire(context);
    return next.processSync();
  }

  private void acquire(HttpPipelineCallContext context) {
    Matcher matcher = SUBSCRIPTION.matcher(context.getHttpRequest().getUrl().getPath());
    String subscription = matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "tenant";
    budgets.acquire(ApiBudgets.AZURE_ARM, subscription + "/" + principal);
  }
}
