package io.cloudledger.aws.session;

import io.cloudledger.core.ratelimit.ApiBudgets;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Takes a token from the shared {@link ApiBudgets} before every HTTP attempt of a session's clients
 * (retries included: the provider counts them too), keyed {@code aws.<service>} and {@code
 * <account>/<region>}. Waiting here, before the request is signed and sent, is the one place every
 * AWS call passes.
 */
final class RateBudgetInterceptor implements ExecutionInterceptor {
  private final ApiBudgets budgets;
  private final Supplier<String> account;

  RateBudgetInterceptor(ApiBudgets budgets, Supplier<String> account) {
    this.budgets = budgets;
    this.account = account;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    String api = "aws." + (service == null ? "unknown" : service.toLowerCase(Locale.ROOT));
    if (budgets.budget(api).isEmpty()) {
      return;
    }
    budgets.acquire(api, account.get() + "/" + (region == null ? "global" : region.id()));
  }
}
