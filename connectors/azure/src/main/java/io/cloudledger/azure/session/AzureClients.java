package io.cloudledger.azure.session;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.HttpClientOptions;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluentcore.arm.AzureConfigurable;
import com.azure.resourcemanager.resources.models.Subscription;
import com.azure.resourcemanager.storage.StorageManager;
import io.cloudledger.core.config.AzureSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ARM clients of one {@code cloud_sessions} entry: one credential, one HTTP client (the JDK's)
 * and one retry policy shared by the compute, storage, network and resource managers of each
 * subscription, which are built on first use. Counts ARM requests per subscription.
 */
public final class AzureClients {
  /** Per subscription: the managers, built once. */
  private record Managers(ComputeManager compute, StorageManager storage, NetworkManager network) {}

  private final String sessionName;
  private final TokenCredential credential;
  private final AzureEndpoints endpoints;
  private final Optional<String> tenantId;
  private final List<String> configuredSubscriptions;
  private final HttpClient httpClient;
  private final AzureClientSettings settings;
  private final Optional<HttpPipelinePolicy> rewrite;
  private final ArmCallCounter counter = new ArmCallCounter();
  private final ArmBudgetPolicy budget;
  private final Map<String, Managers> managers = new ConcurrentHashMap<>();
  private volatile List<String> listedSubscriptions;
  private volatile io.cloudledger.core.discovery.DiscoveryResult lastDiscovery;
  private final io.cloudledger.core.config.DiscoveryRules rules;
  private volatile AccessToken verifiedToken;

  private AzureClients(
      String sessionName,
      TokenCredential credential,
      AzureEndpoints endpoints,
      Optional<String> tenantId,
      List<String> configuredSubscriptions,
      HttpClient httpClient,
      AzureClientSettings settings,
      io.cloudledger.core.config.DiscoveryRules rules) {
    this.sessionName = sessionName;
    this.rules = rules;
    this.budget = new ArmBudgetPolicy(settings.budgets(), sessionName);
    this.credential = credential;
    this.endpoints = endpoints;
    this.tenantId = tenantId;
    this.configuredSubscriptions =
        configuredSubscriptions.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    this.httpClient = httpClient;
    this.settings = settings;
    this.rewrite = endpoints.plainHttp().map(HttpsToHttpPolicy::new);
  }

  /** The clients of {@code session}, its values resolved by {@code resolver}. */
  public static AzureClients create(
      AzureSession session, ConfigResolver resolver, AzureClientSettings settings) {
    AzureEndpoints endpoints =
        AzureEndpoints.of(
            session.endpointUrl().ifSet().map(resolver::resolveUrl),
            session.authorityHost().ifSet().map(resolver::resolveUrl));
    HttpClient httpClient = httpClient(settings);
    Optional<HttpPipelinePolicy> rewrite = endpoints.plainHttp().map(HttpsToHttpPolicy::new);
    TokenCredential credential =
        AzureCredentials.create(session, resolver, endpoints, httpClient, rewrite);
    return new AzureClients(
        session.name(),
        credential,
        endpoints,
        resolver.resolveOptionalText(session.tenantId()),
        resolver.resolveTexts(session.subscriptionIds()),
        httpClient,
        settings,
        session.discovery());
  }

  /** Clients over a given credential (a test's, or one the caller built itself). */
  public static AzureClients create(
      String name,
      TokenCredential credential,
      AzureEndpoints endpoints,
      Optional<String> tenantId,
      List<String> subscriptionIds,
      AzureClientSettings settings) {
    return new AzureClients(
        name,
        Objects.requireNonNull(credential, "credential"),
        endpoints,
        tenantId,
        subscriptionIds,
        httpClient(settings),
        settings,
        io.cloudledger.core.config.DiscoveryRules.none());
  }

  private static HttpClient httpClient(AzureClientSettings settings) {
    return HttpClient.createDefault(
        new HttpClientOptions().setResponseTimeout(settings.responseTimeout()));
  }

  /**
   * Signs in once (the token is remembered until it expires), so that a refused credential fails
   * the whole listing as permanent instead of failing every scope on its own.
   */
  public void verifyCredential() {
    AccessToken token = verifiedToken;
    if (token != null && !token.isExpired()) {
      return;
    }
    try {
      // The async path: its failures are the SDK's ClientAuthenticationException, not MSAL's.
      verifiedToken =
          credential
              .getToken(
                  new TokenRequestContext()
                      .addScopes(endpoints.environment().getManagementEndpoint() + "/.default"))
              .block();
    } catch (RuntimeException e) {
      throw AzureErrors.map(e, "sign-in", describeSession());
    }
  }

  /** {@code azure session 'name'}, for messages. */
  public String describeSession() {
    return "azure session '" + sessionName + "'";
  }

  /**
   * The subscriptions this session reads: those configured, else the active ones {@link
   * #discover()} finds (remembered).
   */
  public List<AccountKey> accounts() {
    List<String> ids = configuredSubscriptions;
    if (ids.isEmpty()) {
      ids = listedSubscriptions;
      if (ids == null) {
        ids = discover().active().stream().map(a -> a.account().accountId()).toList();
        listedSubscriptions = ids;
      }
    }
    return ids.stream().map(id -> AccountKey.of(Provider.AZURE, id)).toList();
  }

  /** The last {@link #discover()} result, if this session discovered its subscriptions. */
  public Optional<io.cloudledger.core.discovery.DiscoveryResult> lastDiscovery() {
    return Optional.ofNullable(lastDiscovery);
  }

  /**
   * Every subscription the principal can see (Subscriptions_List, with each one's state), limited
   * to those below the session's management groups (one paged ManagementGroups_GetDescendants per
   * group) and not skipped. Enabled, Warned and PastDue subscriptions are active; Disabled, Deleted
   * and Expired ones are reported inactive.
   */
  public io.cloudledger.core.discovery.DiscoveryResult discover() {
    long before = counter.total();
    Map<String, List<String>> under = new java.util.LinkedHashMap<>();
    for (String group : rules.includeGroups()) {
      AzureManagementGroups.subscriptionsUnder(
              pipeline(),
              endpoints.environment().getResourceManagerEndpoint(),
              group,
              describeSession())
          .forEach(id -> under.computeIfAbsent(id, k -> new ArrayList<>()).add(group));
    }
    List<io.cloudledger.core.discovery.DiscoveredAccount> accounts = new ArrayList<>();
    int excluded = 0;
    try {
      ResourceManager.Authenticated resources =
          configure(ResourceManager.configure()).authenticate(credential, profile(null));
      for (Subscription subscription : resources.subscriptions().list()) {
        String id = subscription.subscriptionId().toLowerCase(Locale.ROOT);
        List<String> path = under.getOrDefault(id, List.of());
        if ((!rules.includeGroups().isEmpty() && path.isEmpty())
            || rules.skipAccounts().stream().anyMatch(id::equalsIgnoreCase)) {
          excluded++;
          continue;
        }
        String state = subscription.state() == null ? "Enabled" : subscription.state().toString();
        accounts.add(
            new io.cloudledger.core.discovery.DiscoveredAccount(
                AccountKey.of(Provider.AZURE, id),
                subscription.displayName(),
                state,
                ACTIVE_STATES.contains(state),
                path,
                sessionName));
      }
    } catch (RuntimeException e) {
      throw AzureErrors.map(e, "Subscriptions_List", describeSession());
    }
    long after = counter.total();
    io.cloudledger.core.discovery.DiscoveryResult result =
        new io.cloudledger.core.discovery.DiscoveryResult(
            sessionName, accounts, excluded, after - before);
    lastDiscovery = result;
    return result;
  }

  private static final java.util.Set<String> ACTIVE_STATES =
      java.util.Set.of("Enabled", "Warned", "PastDue");

  /** A bare ARM pipeline (token, retries, counting) for calls no manager offers. */
  private com.azure.core.http.HttpPipeline pipeline() {
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(
        new RetryPolicy(
            new ExponentialBackoff(
                settings.maxRetries(), settings.baseDelay(), settings.maxDelay())));
    policies.add(
        new com.azure.core.http.policy.BearerTokenAuthenticationPolicy(
            credential, endpoints.environment().getManagementEndpoint() + "/.default"));
    policies.add(counter);
    rewrite.ifPresent(policies::add);
    return new com.azure.core.http.HttpPipelineBuilder()
        .httpClient(httpClient)
        .policies(policies.toArray(HttpPipelinePolicy[]::new))
        .build();
  }

  public ComputeManager compute(String subscriptionId) {
    return managers(subscriptionId).compute();
  }

  public StorageManager storage(String subscriptionId) {
    return managers(subscriptionId).storage();
  }

  public NetworkManager network(String subscriptionId) {
    return managers(subscriptionId).network();
  }

  /** ARM requests made for {@code subscriptionId} so far, retries included. */
  public long apiCalls(String subscriptionId) {
    return counter.calls(subscriptionId);
  }

  public AzureClientSettings settings() {
    return settings;
  }

  /** The session's credential, for data-plane clients (Key Vault, Graph) beside ARM's. */
  public TokenCredential credential() {
    return credential;
  }

  /** Where the session's ARM and Azure AD calls go (and which endpoint is plain http). */
  public AzureEndpoints endpoints() {
    return endpoints;
  }

  /** The session's one HTTP client (the JDK's), for data-plane clients beside ARM's. */
  public HttpClient httpClient() {
    return httpClient;
  }

  /** The ARM base URL, with a trailing slash (https, also for a plain-http endpoint). */
  public String resourceManagerEndpoint() {
    return endpoints.resourceManager();
  }

  /**
   * A pipeline for ARM operations no manager covers (Cost Management's query): this session's
   * credential, HTTP client, call counter and https→http rewrite, with {@code retry} as its only
   * retry policy (the caller's, because such services signal their limits in their own headers).
   */
  public HttpPipeline armPipeline(HttpPipelinePolicy retry) {
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(Objects.requireNonNull(retry, "retry"));
    policies.add(
        new BearerTokenAuthenticationPolicy(
            credential, endpoints.environment().getManagementEndpoint() + "/.default"));
    policies.add(counter);
    // After the token policy, which refuses to send a bearer token over http.
    rewrite.ifPresent(policies::add);
    return new HttpPipelineBuilder()
        .httpClient(httpClient)
        .policies(policies.toArray(HttpPipelinePolicy[]::new))
        .build();
  }

  private Managers managers(String subscriptionId) {
    return managers.computeIfAbsent(
        subscriptionId.toLowerCase(Locale.ROOT),
        id -> {
          AzureProfile profile = profile(id);
          return new Managers(
              configure(ComputeManager.configure()).authenticate(credential, profile),
              configure(StorageManager.configure()).authenticate(credential, profile),
              configure(NetworkManager.configure()).authenticate(credential, profile));
        });
  }

  private AzureProfile profile(String subscriptionId) {
    return new AzureProfile(tenantId.orElse(null), subscriptionId, endpoints.environment());
  }

  private <T extends AzureConfigurable<T>> T configure(T configurable) {
    T configured =
        configurable
            .withHttpClient(httpClient)
            .withRetryPolicy(
                new RetryPolicy(
                    new ExponentialBackoff(
                        settings.maxRetries(), settings.baseDelay(), settings.maxDelay())))
            // The budget before the counter: an attempt refused a token is not sent.
            .withPolicy(budget)
            .withPolicy(counter);
    return rewrite.map(configured::withPolicy).orElse(configured);
  }
}
