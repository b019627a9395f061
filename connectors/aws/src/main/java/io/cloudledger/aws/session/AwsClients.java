package io.cloudledger.aws.session;

import io.cloudledger.core.config.AwsCredentials;
import io.cloudledger.core.config.AwsSession;
import io.cloudledger.core.config.ConfigResolver;
import io.cloudledger.core.config.ConfigValue;
import io.cloudledger.core.config.RegionSelection;
import io.cloudledger.core.error.PermanentException;
import io.cloudledger.core.model.AccountKey;
import io.cloudledger.core.model.Provider;
import io.cloudledger.core.secrets.SecretValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one AWS {@code cloud_sessions} entry, built once and shared: one HTTP client
 * for all of them, the session's credentials (optionally an assumed role that refreshes before it
 * expires), an EC2 client per region, one S3 and one STS client. Thread-safe; close it to release
 * the HTTP client and credential providers.
 */
public final class AwsClients implements AutoCloseable {
  /** The role session name when the config gives none. */
  public static final String DEFAULT_ROLE_SESSION_NAME = "cloudledger";

  /** The home region when the config gives none. */
  public static final String DEFAULT_REGION = "us-east-1";

  // A new role session starts when the current one has less than this left, so a long listing
  // never signs with credentials about to expire; refreshing on access (not on a background
  // thread) suits functions frozen between invocations.
  private static final Duration PREFETCH_BEFORE_EXPIRY = Duration.ofMinutes(5);
  private static final Duration STALE_BEFORE_EXPIRY = Duration.ofMinutes(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final String sessionName;
  private final Region homeRegion;
  private final AwsClientSettings settings;
  private final SdkHttpClient http;
  private final ApiCallCounter counter = new ApiCallCounter();
  private final Optional<URI> ec2Endpoint;
  private final Optional<URI> s3Endpoint;
  private final Optional<URI> costExplorerEndpoint;
  private volatile CostExplorerClient costExplorer;
  private final Optional<URI> organizationsEndpoint;
  private volatile OrganizationsClient organizations;
  private final Optional<List<String>> configuredRegions;
  private final Optional<String> roleArn;
  private final AwsCredentialsProvider baseCredentials;
  private final StsClient sts;
  private final AwsCredentialsProvider credentials;
  // Built on first use, like Cost Explorer's: the fan-out and trigger jars carry no S3 module.
  private volatile S3Client s3;
  private final Map<String, Ec2Client> ec2ByRegion = new ConcurrentHashMap<>();
  private final Optional<URI> stsEndpoint;
  private final Optional<URI> secretsManagerEndpoint;
  private final Optional<URI> iamEndpoint;
  private final Map<String, SecretsManagerClient> secretsManagerByRegion =
      new ConcurrentHashMap<>();
  private volatile AccountKey accountKey;
  private final RateBudgetInterceptor budget;

  private AwsClients(AwsSession session, ConfigResolver resolver, AwsClientSettings settings) {
    this.sessionName = session.name();
    this.settings = settings;
    this.homeRegion =
        Region.of(resolver.resolveOptionalText(session.region()).orElse(DEFAULT_REGION));
    this.ec2Endpoint = endpoint(session, resolver, "ec2");
    this.s3Endpoint = endpoint(session, resolver, "s3");
    this.stsEndpoint = endpoint(session, resolver, "sts");
    this.secretsManagerEndpoint = endpoint(session, resolver, "secretsmanager");
    this.iamEndpoint = endpoint(session, resolver, "iam");
    this.costExplorerEndpoint = endpoint(session, resolver, "ce");
    this.organizationsEndpoint = endpoint(session, resolver, "organizations");
    this.configuredRegions =
        switch (session.regions()) {
          case RegionSelection.All all -> Optional.empty();
          case RegionSelection.Listed listed ->
              Optional.of(List.copyOf(resolver.resolveTexts(listed.regions())));
        };
    this.roleArn = resolver.resolveOptionalText(session.roleArn());
    // The budget's scope must be known without a call: asking STS for the caller identity would
    // itself pass through the budget. A session without a role reads one account, so its name
    // stands for it.
    String budgetScope = roleArn.flatMap(AwsClients::accountOfRoleIfValid).orElse(sessionName);
    this.budget = new RateBudgetInterceptor(settings.budgets(), () -> budgetScope);
    // Every value is resolved before anything is opened, so a missing reference leaks nothing.
    Optional<String> roleSessionName = resolver.resolveOptionalText(session.roleSessionName());
    Optional<SecretValue> externalId = resolver.resolveOptionalSecret(session.externalId());
    this.baseCredentials = baseCredentials(session.credentials(), resolver);
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(settings.attemptTimeout())
            .build();
    this.sts = configure(StsClient.builder(), stsEndpoint, baseCredentials).build();
    this.credentials =
        roleArn.isPresent()
            ? assumeRole(roleArn.get(), roleSessionName, externalId)
            : baseCredentials;
  }

  /**
   * Builds the clients of {@code session}, resolving its values (keys, external id, endpoints) with
   * {@code resolver}; no AWS call is made yet.
   */
  public static AwsClients create(
      AwsSession session, ConfigResolver resolver, AwsClientSettings settings) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(settings, "settings");
    return new AwsClients(session, resolver, settings);
  }

  /** The name of the {@code cloud_sessions} entry. */
  public String sessionName() {
    return sessionName;
  }

  /** The region of STS, region discovery and S3's global listing. */
  public String homeRegion() {
    return homeRegion.id();
  }

  /** The regions the config lists, or empty when every enabled region is wanted. */
  public Optional<List<String>> configuredRegions() {
    return configuredRegions;
  }

  /**
   * The account these clients read: the role ARN's account when a role is assumed (no call),
   * otherwise the caller identity, asked once and cached.
   *
   * @throws io.cloudledger.core.error.CloudledgerException when STS cannot be asked
   */
  public AccountKey accountKey() {
    AccountKey known = accountKey;
    if (known == null) {
      synchronized (this) {
        if (accountKey == null) {
          accountKey = AccountKey.of(Provider.AWS, lookUpAccountId());
        }
        known = accountKey;
      }
    }
    return known;
  }

  /**
   * Obtains the session's credentials now (assuming the role if there is one), so that a denied
   * role fails before anything is listed.
   *
   * @throws io.cloudledger.core.error.CloudledgerException when they cannot be obtained
   */
  public void resolveCredentials() {
    String operation = roleArn.isPresent() ? "AssumeRole" : "resolving credentials";
    try {
      credentials.resolveCredentials();
    } catch (RuntimeException e) {
      throw AwsErrors.mapCredentialFailure(e, operation, describeSession());
    }
  }

  /** The EC2 client of {@code region}, created on first use and kept. */
  public Ec2Client ec2(String region) {
    return ec2ByRegion.computeIfAbsent(
        region,
        r -> configure(Ec2Client.builder(), ec2Endpoint, credentials, Region.of(r)).build());
  }

  /** The S3 client (in the home region; ListBuckets is global). */
  public S3Client s3() {
    S3Client client = s3;
    if (client == null) {
      synchronized (this) {
        if (s3 == null) {
          s3 =
              configure(S3Client.builder(), s3Endpoint, credentials)
                  // A local endpoint has no DNS entry per bucket; real S3 prefers virtual hosts.
                  .forcePathStyle(s3Endpoint.isPresent())
                  .build();
        }
        client = s3;
      }
    }
    return client;
  }

  /** The Secrets Manager client of {@code region}, created on first use and kept. */
  public SecretsManagerClient secretsManager(String region) {
    return secretsManagerByRegion.computeIfAbsent(
        region,
        r ->
            configure(
                    SecretsManagerClient.builder(),
                    secretsManagerEndpoint,
                    credentials,
                    Region.of(r))
                .build());
  }

  /**
   * An IAM client signing with {@code signer} (e.g. an access key being rotated) at this session's
   * IAM endpoint; the caller closes it.
   */
  public IamClient iamSignedBy(AwsCredentialsProvider signer) {
    return configure(IamClient.builder(), iamEndpoint, signer, Region.AWS_GLOBAL).build();
  }

  /**
   * An STS client signing with {@code signer} at this session's STS endpoint; the caller closes it.
   */
  public StsClient stsSignedBy(AwsCredentialsProvider signer) {
    return configure(StsClient.builder(), stsEndpoint, signer).build();
  }

  /**
   * The Cost Explorer client, created on first use: always in us-east-1 (Cost Explorer's only
   * endpoint, whatever the session's home region), retrying {@code LimitExceededException} (Cost
   * Explorer's throttling answer, which the SDK does not know as throttling) with backoff.
   */
  public CostExplorerClient costExplorer() {
    CostExplorerClient client = costExplorer;
    if (client == null) {
      synchronized (this) {
        if (costExplorer == null) {
          costExplorer =
              configure(
                      CostExplorerClient.builder(),
                      costExplorerEndpoint,
                      credentials,
                      Region.US_EAST_1)
                  .overrideConfiguration(
                      overrides().toBuilder()
                          .retryStrategy(
                              retryStrategy().toBuilder()
                                  .retryOnExceptionOrCause(LimitExceededException.class)
                                  .treatAsThrottling(LimitExceededException.class::isInstance)
                                  .build())
                          .build())
                  .build();
        }
        client = costExplorer;
      }
    }
    return client;
  }

  /**
   * The Organizations client, created on first use: global (us-east-1 signing), with the session's
   * credentials (the management or delegated administrator account).
   */
  public OrganizationsClient organizations() {
    OrganizationsClient client = organizations;
    if (client == null) {
      synchronized (this) {
        if (organizations == null) {
          organizations =
              configure(
                      OrganizationsClient.builder(),
                      organizationsEndpoint,
                      credentials,
                      Region.AWS_GLOBAL)
                  .build();
        }
        client = organizations;
      }
    }
    return client;
  }

  /**
   * The ARN of the base credentials (before any role), from {@code GetCallerIdentity}: proves they
   * resolve and are valid. The call needs no permission.
   *
   * @throws io.cloudledger.core.error.CloudledgerException when they do not resolve or are refused
   */
  public String baseIdentity() {
    try {
      return sts.getCallerIdentity(r -> {}).arn();
    } catch (RuntimeException e) {
      throw AwsErrors.mapCredentialFailure(e, "GetCallerIdentity", describeSession());
    }
  }

  /** HTTP requests sent by these clients so far, retries included. */
  public long apiCalls() {
    return counter.count();
  }

  /** Names the session in messages: its name and, when assuming one, the role (no secret). */
  public String describeSession() {
    return "session " + sessionName + roleArn.map(arn -> " (role " + arn + ")").orElse("");
  }

  @Override
  public void close() {
    List<AutoCloseable> closeables = new ArrayList<>(ec2ByRegion.values());
    closeables.addAll(secretsManagerByRegion.values());
    if (s3 != null) {
      closeables.add(s3);
    }
    if (costExplorer != null) {
      closeables.add(costExplorer);
    }
    if (organizations != null) {
      closeables.add(organizations);
    }
    if (credentials != baseCredentials && credentials instanceof SdkAutoCloseable provider) {
      closeables.add(provider);
    }
    closeables.add(sts);
    if (baseCredentials instanceof AutoCloseable provider) {
      closeables.add(provider);
    }
    closeables.add(http); // the clients do not close an HTTP client they were given
    RuntimeException failure = null;
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing the AWS clients of " + sessionName, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private String lookUpAccountId() {
    if (roleArn.isPresent()) {
      return accountOfRole(roleArn.get());
    }
    try {
      return sts.getCallerIdentity(r -> {}).account();
    } catch (RuntimeException e) {
      throw AwsErrors.mapAny(e, "GetCallerIdentity", describeSession());
    }
  }

  /** The account id of {@code arn:aws:iam::123456789012:role/name}. */
  static String accountOfRole(String roleArn) {
    String[] parts = roleArn.split(":", 6);
    if (parts.length == 6
        && parts[0].equals("arn")
        && parts[2].equals("iam")
        && ACCOUNT_ID.matcher(parts[4]).matches()
        && parts[5].startsWith("role/")) {
      return parts[4];
    }
    throw new PermanentException(
        "invalid-role-arn",
        "role_arn '"
            + roleArn
            + "' is not an IAM role ARN such as arn:aws:iam::123456789012:role/name");
  }

  private static Optional<String> accountOfRoleIfValid(String roleArn) {
    try {
      return Optional.of(accountOfRole(roleArn));
    } catch (PermanentException invalid) {
      return Optional.empty(); // reported where the role is used
    }
  }

  private AwsCredentialsProvider assumeRole(
      String arn, Optional<String> roleSessionName, Optional<SecretValue> externalId) {
    AssumeRoleRequest.Builder request =
        AssumeRoleRequest.builder()
            .roleArn(arn)
            .roleSessionName(roleSessionName.orElse(DEFAULT_ROLE_SESSION_NAME));
    externalId.ifPresent(id -> request.externalId(id.reveal()));
    AssumeRoleRequest built = request.build();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(built)
        .prefetchTime(PREFETCH_BEFORE_EXPIRY)
        .staleTime(STALE_BEFORE_EXPIRY)
        .build();
  }

  private static AwsCredentialsProvider baseCredentials(
      AwsCredentials config, ConfigResolver resolver) {
    return switch (config) {
      case AwsCredentials.DefaultChain chain -> DefaultCredentialsProvider.builder().build();
      case AwsCredentials.Profile profile ->
          ProfileCredentialsProvider.builder()
              .profileName(resolver.resolveText(profile.profile()))
              .build();
      case AwsCredentials.StaticKeys keys -> {
        String keyId = resolver.resolveSecret(keys.accessKeyId()).reveal();
        String secret = resolver.resolveSecret(keys.secretAccessKey()).reveal();
        Optional<SecretValue> token = resolver.resolveOptionalSecret(keys.sessionToken());
        yield StaticCredentialsProvider.create(
            token.isPresent()
                ? AwsSessionCredentials.create(keyId, secret, token.get().reveal())
                : AwsBasicCredentials.create(keyId, secret));
      }
    };
  }

  private static Optional<URI> endpoint(
      AwsSession session, ConfigResolver resolver, String service) {
    Optional<ConfigValue> value = session.endpoints().forService(service);
    return value.map(resolver::resolveUrl);
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
      B builder, Optional<URI> endpoint, AwsCredentialsProvider provider) {
    return configure(builder, endpoint, provider, homeRegion);
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
      B builder, Optional<URI> endpoint, AwsCredentialsProvider provider, Region region) {
    builder.region(region).credentialsProvider(provider).overrideConfiguration(overrides());
    endpoint.ifPresent(builder::endpointOverride);
    builder.httpClient(http);
    return builder;
  }

  private ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(retryStrategy())
        .apiCallAttemptTimeout(settings.attemptTimeout())
        .apiCallTimeout(settings.callTimeout())
        // The budget first: an attempt refused a token is not sent, so it is not counted.
        .addExecutionInterceptor(budget)
        .addExecutionInterceptor(counter)
        .build();
  }

  /** A fresh strategy per client: its retry token bucket then limits that client alone. */
  private RetryStrategy retryStrategy() {
    BackoffStrategy backoff =
        BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxBackoff());
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(settings.maxAttempts())
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .build();
  }
}
