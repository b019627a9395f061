package io.cloudledger.core.config;

import io.cloudledger.core.config.YamlNode.Entry;
import io.cloudledger.core.config.YamlNode.Mapping;
import io.cloudledger.core.config.YamlNode.Scalar;
import io.cloudledger.core.config.YamlNode.Sequence;
import io.cloudledger.core.ratelimit.ApiBudgets;
import io.cloudledger.core.ratelimit.RateBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a YAML tree into a {@link CloudledgerConfig}, recording every problem instead of stopping
 * at the first. Broken parts are skipped or defaulted so that reading can go on; the caller
 * discards the result when there are errors.
 */
final class ConfigReader {
  private static final List<String> TOP_KEYS =
      List.of("cloud_sessions", "secrets_manager", "inventory", "rate_budgets");
  private static final List<String> SESSION_COMMON_KEYS = List.of("name", "session_type");
  private static final Map<SessionType, List<String>> SESSION_KEYS =
      Map.of(
          SessionType.AWS,
          List.of(
              "region",
              "profile",
              "access_key_id",
              "secret_access_key",
              "session_token",
              "role_arn",
              "session_name",
              "external_id",
              "regions",
              "endpoint_url",
              "endpoints",
              "cost_explorer",
              "organization"),
          SessionType.AZURE,
          List.of(
              "tenant_id",
              "client_id",
              "client_secret",
              "use_managed_identity",
              "managed_identity_client_id",
              "subscription_ids",
              "management_groups",
              "skip_subscriptions",
              "endpoint_url",
              "authority_host"),
          SessionType.GCP,
          List.of(
              "credentials",
              "project_ids",
              "parents",
              "skip_folders",
              "skip_projects",
              "endpoint_url",
              "billing_export_table"));
  private static final Pattern MANAGEMENT_GROUP_ID = Pattern.compile("[A-Za-z0-9_().-]{1,90}");
  private static final Pattern GCP_PARENT = Pattern.compile("(organizations|folders)/\\d{1,30}");
  private static final Pattern GCP_FOLDER = Pattern.compile("folders/\\d{1,30}");
  private static final List<String> SECRETS_MANAGER_KEYS =
      List.of("cloud_stores", "user_keystore", "app_keystore", "backup_store");
  private static final List<String> KEYSTORE_KEYS = List.of("path", "priority", "enabled");
  private static final List<String> STORE_COMMON_KEYS =
      List.of("store_type", "priority", "prefix", "backup");
  private static final Map<StoreType, List<String>> STORE_KEYS =
      Map.of(
          StoreType.AWS, List.of("session_name", "region"),
          StoreType.AZURE, List.of("session_name", "vault_url"),
          StoreType.GCP, List.of("session_name", "project_id"),
          StoreType.VAULT, List.of("address", "token", "mount", "namespace"));
  private static final List<String> ORGANIZATION_KEYS =
      List.of(
          "member_role",
          "external_id",
          "include_ous",
          "skip_ous",
          "include_accounts",
          "skip_accounts");
  private static final Pattern MEMBER_ROLE = Pattern.compile("([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final Pattern OU_OR_ROOT =
      Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}");
  private static final Pattern AWS_ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final List<String> INVENTORY_KEYS =
      List.of("store", "table_prefix", "endpoint", "region");

  /** Keys whose values are secrets: a literal there is a warning and is never echoed. */
  private static final Set<String> SENSITIVE_KEYS =
      Set.of(
          "secret_access_key",
          "session_token",
          "client_secret",
          "credentials",
          "external_id",
          "token");

  private static final String DEFAULT_AWS_REGION = "us-east-1";
  private static final String DEFAULT_ROLE_SESSION_NAME = "cloudledger";
  private static final String DEFAULT_VAULT_MOUNT = "secret";
  private static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final int MAX_ECHO = 80;

  private final Path file;
  private final Problems problems;

  /** Session name → its cloud (empty when the session_type is broken), for the store checks. */
  private final Map<String, Optional<SessionType>> sessionTypes = new LinkedHashMap<>();

  private final Map<String, String> sessionPaths = new HashMap<>();

  /** Each cloud store's own {@code backup:} and where it was written, checked once all are read. */
  private final Map<String, BackupReference> storeBackups = new LinkedHashMap<>();

  ConfigReader(Path file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  CloudledgerConfig read(YamlNode root) {
    if (root instanceof Scalar scalar && scalar.kind() == YamlNode.Kind.NULL) {
      problems.error("", root.line(), "the file is empty; it needs at least a cloud_sessions list");
      return defaults();
    }
    if (!(root instanceof Mapping mapping)) {
      problems.error(
          "",
          root.line(),
          "the top level must be a mapping with "
              + String.join(", ", TOP_KEYS)
              + ", found "
              + root.describe());
      return defaults();
    }
    Section top = new Section("", mapping);
    checkKeys(top, TOP_KEYS, key -> Optional.empty());
    List<CloudSession> sessions = readSessions(top);
    SecretsManagerConfig secretsManager = readSecretsManager(top);
    InventoryConfig inventory = readInventory(top);
    RateBudgetConfig rateBudgets = readRateBudgets(top);
    return new CloudledgerConfig(
        file, sessions, secretsManager, inventory, problems.warnings(), rateBudgets);
  }

  private CloudledgerConfig defaults() {
    return new CloudledgerConfig(
        file,
        List.of(),
        new SecretsManagerConfig(
            defaultKeystore(KeystoreConfig.KeystoreScope.USER),
            defaultKeystore(KeystoreConfig.KeystoreScope.APP),
            List.of()),
        defaultInventory(),
        problems.warnings());
  }

  // ---------------------------------------------------------------- sessions

  private List<CloudSession> readSessions(Section top) {
    Optional<Entry> entry = top.entry("cloud_sessions");
    if (entry.isEmpty()) {
      problems.warning("cloud_sessions", 0, "there are no cloud_sessions, so nothing is synced");
      return List.of();
    }
    YamlNode node = entry.get().value();
    if (!(node instanceof Sequence list)) {
      problems.error(
          "cloud_sessions",
          node.line(),
          "expected a list of sessions (each item starting with '- name:'), found "
              + node.describe());
      return List.of();
    }
    List<CloudSession> sessions = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      YamlNode item = list.items().get(i);
      String path = KeyPath.item("cloud_sessions", i);
      if (item instanceof Mapping mapping) {
        readSession(new Section(path, mapping)).ifPresent(sessions::add);
      } else {
        problems.error(
            path,
            item.line(),
            "expected a session (a mapping with name and session_type), found " + item.describe());
      }
    }
    return sessions;
  }

  private Optional<CloudSession> readSession(Section s) {
    Optional<String> name = word(s, "name", true);
    name.ifPresent(n -> checkName(s, "name", n, "session"));
    Optional<String> typeText = word(s, "session_type", true);
    Optional<SessionType> type =
        typeText.flatMap(
            t -> oneOf(s, "session_type", t, SessionType::fromYaml, SessionType.yamlNames()));
    name.ifPresent(n -> registerSession(s, n, type));

    if (type.isEmpty()) {
      Set<String> anyKey = new LinkedHashSet<>(SESSION_COMMON_KEYS);
      for (SessionType any : SessionType.values()) {
        anyKey.addAll(SESSION_KEYS.get(any));
      }
      checkKeys(s, anyKey, key -> Optional.empty());
      return Optional.empty();
    }
    SessionType sessionType = type.get();
    List<String> allowed = new ArrayList<>(SESSION_COMMON_KEYS);
    allowed.addAll(SESSION_KEYS.get(sessionType));
    checkKeys(
        s,
        allowed,
        key -> ownerOfKey(key, sessionType, SESSION_KEYS, SessionType::yamlName, "sessions"));
    ValueOrigin origin = new ValueOrigin(file, s.path, s.node.line());
    // Read even without a name, so that the session's other problems are reported too.
    String sessionName = name.orElse("");
    CloudSession session =
        switch (sessionType) {
          case AWS -> readAws(s, origin, sessionName);
          case AZURE -> readAzure(s, origin, sessionName);
          case GCP -> readGcp(s, origin, sessionName);
        };
    return name.isPresent() ? Optional.of(session) : Optional.empty();
  }

  /** The value of {@code key} as one of a fixed set of names, or an error listing them. */
  private <T> Optional<T> oneOf(
      Section s, String key, String text, Function<String, Optional<T>> parse, List<String> names) {
    Optional<T> value = parse.apply(text);
    if (value.isEmpty()) {
      problems.error(
          s.keyPath(key),
          s.line(key),
          "unknown "
              + key
              + " '"
              + echo(text)
              + "'"
              + ValueRules.didYouMean(text, names)
              + "; expected one of "
              + String.join(", ", names));
    }
    return value;
  }

  private void registerSession(Section s, String name, Optional<SessionType> type) {
    String firstPath = sessionPaths.get(name);
    if (firstPath != null) {
      problems.error(
          s.keyPath("name"),
          s.line("name"),
          "duplicate session name '" + name + "' (also used by " + firstPath + ")");
      return;
    }
    sessionPaths.put(name, s.path);
    sessionTypes.put(name, type);
  }

  /**
   * For a key that belongs to other kinds of sessions (or stores) than {@code current}: a message
   * naming them, so "unknown key" becomes "that key is for azure sessions".
   */
  private static <T extends Enum<T>> Optional<String> ownerOfKey(
      String key,
      T current,
      Map<T, List<String>> keysByKind,
      Function<T, String> yamlName,
      String noun) {
    List<String> owners =
        java.util.Arrays.stream(current.getDeclaringClass().getEnumConstants())
            .filter(t -> t != current && keysByKind.get(t).contains(key))
            .map(yamlName)
            .toList();
    return owners.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "'"
                + key
                + "' is a key of "
                + String.join(", ", owners)
                + " "
                + noun
                + ", not of "
                + yamlName.apply(current)
                + " "
                + noun);
  }

  private AwsSession readAws(Section s, ValueOrigin origin, String name) {
    ConfigValue region = orDefault(text(s, "region"), DEFAULT_AWS_REGION);
    checkShape(region, ValueRules.AWS_REGION, "is not an AWS region name like us-east-1");

    ConfigValue accessKeyId = text(s, "access_key_id");
    ConfigValue secretAccessKey = text(s, "secret_access_key");
    ConfigValue sessionToken = text(s, "session_token");
    ConfigValue profile = text(s, "profile");
    AwsCredentials credentials;
    if (accessKeyId.isSet() || secretAccessKey.isSet()) {
      requireTogether(s, accessKeyId, "access_key_id", secretAccessKey, "secret_access_key");
      requireTogether(s, secretAccessKey, "secret_access_key", accessKeyId, "access_key_id");
      if (profile.isSet()) {
        error(profile, "profile and access_key_id both choose the credentials; keep one of them");
      }
      credentials = new AwsCredentials.StaticKeys(accessKeyId, secretAccessKey, sessionToken);
    } else if (sessionToken.isSet()) {
      error(sessionToken, "session_token needs access_key_id and secret_access_key");
      credentials = new AwsCredentials.DefaultChain();
    } else if (profile.isSet()) {
      credentials = new AwsCredentials.Profile(profile);
    } else {
      credentials = new AwsCredentials.DefaultChain();
    }

    ConfigValue roleArn = text(s, "role_arn");
    checkShape(
        roleArn,
        ValueRules.ROLE_ARN,
        "is not an IAM role ARN like arn:aws:iam::123456789012:role/cloudledger-reader");
    ConfigValue roleSessionName = text(s, "session_name");
    ConfigValue externalId = text(s, "external_id");
    if (!roleArn.isSet()) {
      for (ConfigValue roleSetting : List.of(roleSessionName, externalId)) {
        if (roleSetting.isSet()) {
          error(roleSetting, "only applies together with role_arn, which is not set");
        }
      }
    }
    roleSessionName = orDefault(roleSessionName, DEFAULT_ROLE_SESSION_NAME);
    checkShape(
        roleSessionName,
        ROLE_SESSION_NAME,
        "is not a valid role session name (2-64 letters, digits or +=,.@_-)");

    ServiceEndpoints endpoints =
        new ServiceEndpoints(url(s, "endpoint_url", false), endpointMap(s, "endpoints"));
    boolean costExplorer = bool(s, "cost_explorer").orElse(false);
    AwsAccounts accounts =
        subsection(s, "organization")
            .<AwsAccounts>map(this::readOrganization)
            .orElseGet(AwsAccounts.Own::new);
    return new AwsSession(
        origin,
        name,
        region,
        credentials,
        roleArn,
        roleSessionName,
        externalId,
        regions(s),
        endpoints,
        costExplorer,
        accounts);
  }

  private AwsOrganization readOrganization(Section o) {
    checkKeys(o, ORGANIZATION_KEYS, key -> Optional.empty());
    ConfigValue memberRole = required(o, "member_role", text(o, "member_role"));
    String role = "";
    if (memberRole instanceof ConfigValue.Literal literal) {
      role = literal.value().reveal();
      checkShape(
          memberRole,
          MEMBER_ROLE,
          "is not an IAM role name (1-64 letters, digits or +=,.@_-, optionally after a path)");
    } else if (memberRole.isSet()) {
      error(memberRole, "must be written out: ENV/ and SEC/ references are not allowed here");
    }
    ConfigValue externalId = text(o, "external_id");
    DiscoveryRules rules =
        new DiscoveryRules(
            words(o, "include_ous", OU_OR_ROOT, "is not an OU or root id like ou-ab12-cd34ef56"),
            words(o, "skip_ous", OU_OR_ROOT, "is not an OU or root id like ou-ab12-cd34ef56"),
            words(o, "include_accounts", AWS_ACCOUNT_ID, "is not a 12-digit AWS account id"),
            words(o, "skip_accounts", AWS_ACCOUNT_ID, "is not a 12-digit AWS account id"));
    checkDisjoint(o, rules.includeGroups(), "include_ous", rules.skipGroups(), "skip_ous");
    checkDisjoint(
        o, rules.includeAccounts(), "include_accounts", rules.skipAccounts(), "skip_accounts");
    return new AwsOrganization(
        new ValueOrigin(file, o.path, o.node.line()), role, externalId, rules);
  }

  /** A list of literal words of one shape (ids that structure the file, never references). */
  private List<String> words(Section s, String key, Pattern shape, String shapeMessage) {
    List<String> words = new ArrayList<>();
    for (ConfigValue value : list(s, key, shape, shapeMessage)) {
      if (value instanceof ConfigValue.Literal literal) {
        words.add(literal.value().reveal());
      } else {
        error(value, "must be written out: ENV/ and SEC/ references are not allowed here");
      }
    }
    return words;
  }

  private void checkDisjoint(
      Section s, List<String> included, String includeKey, List<String> skipped, String skipKey) {
    for (String id : included) {
      if (skipped.contains(id)) {
        problems.error(
            s.keyPath(skipKey),
            s.line(skipKey),
            "'" + echo(id) + "' is both in " + includeKey + " and in " + skipKey + "; keep one");
      }
    }
  }

  private RegionSelection regions(Section s) {
    Optional<Entry> entry = s.entry("regions");
    if (entry.isEmpty()) {
      return new RegionSelection.All();
    }
    String path = s.keyPath("regions");
    YamlNode node = entry.get().value();
    if (node instanceof Scalar scalar
        && scalar.kind() == YamlNode.Kind.STRING
        && scalar.text().equals("all")) {
      return new RegionSelection.All();
    }
    if (!(node instanceof Sequence)) {
      problems.error(
          path,
          node.line(),
          "expected 'all' or a list of region names, found " + describeFound(node, false));
      return new RegionSelection.All();
    }
    List<ConfigValue> regions =
        list(s, "regions", ValueRules.AWS_REGION, "is not an AWS region name like eu-west-1");
    if (regions.isEmpty()) {
      problems.error(
          path, node.line(), "an empty list selects no region; write 'all' or list regions");
    }
    return new RegionSelection.Listed(regions);
  }

  private AzureSession readAzure(Section s, ValueOrigin origin, String name) {
    ConfigValue tenantId = text(s, "tenant_id");
    ConfigValue clientId = text(s, "client_id");
    ConfigValue clientSecret = text(s, "client_secret");
    Optional<Boolean> useManagedIdentity = bool(s, "use_managed_identity");
    ConfigValue managedIdentityClientId = text(s, "managed_identity_client_id");
    boolean managed = useManagedIdentity.orElse(false);

    AzureAuth auth;
    if (clientSecret.isSet()) {
      if (managed) {
        problems.error(
            s.keyPath("use_managed_identity"),
            s.line("use_managed_identity"),
            "use_managed_identity and client_secret both choose how to sign in; keep one");
      }
      requireTogether(s, clientSecret, "client_secret", tenantId, "tenant_id");
      requireTogether(s, clientSecret, "client_secret", clientId, "client_id");
      auth = new AzureAuth.ClientSecret(clientSecret);
    } else if (managed) {
      auth = new AzureAuth.ManagedIdentity(managedIdentityClientId);
    } else {
      auth = new AzureAuth.DefaultCredential();
    }
    if (managedIdentityClientId.isSet() && !managed) {
      error(managedIdentityClientId, "only applies together with use_managed_identity: true");
    }
    List<ConfigValue> subscriptionIds =
        list(
            s,
            "subscription_ids",
            ValueRules.GUID,
            "is not a subscription id (a GUID like 00000000-0000-0000-0000-000000000000)");
    DiscoveryRules discovery =
        new DiscoveryRules(
            words(
                s,
                "management_groups",
                MANAGEMENT_GROUP_ID,
                "is not a management group id (1-90 letters, digits or -_.())"),
            List.of(),
            List.of(),
            words(
                s,
                "skip_subscriptions",
                ValueRules.GUID,
                "is not a subscription id (a GUID like 00000000-0000-0000-0000-000000000000)"));
    if (!subscriptionIds.isEmpty() && !discovery.equals(DiscoveryRules.none())) {
      problems.error(
          s.keyPath("subscription_ids"),
          s.line("subscription_ids"),
          "subscription_ids lists the subscriptions, so management_groups and skip_subscriptions"
              + " (which discover them) do not apply; keep one or the other");
    }
    return new AzureSession(
        origin,
        name,
        tenantId,
        clientId,
        auth,
        subscriptionIds,
        url(s, "endpoint_url", false),
        url(s, "authority_host", true),
        discovery);
  }

  private GcpSession readGcp(Section s, ValueOrigin origin, String name) {
    ConfigValue key = text(s, "credentials");
    GcpCredentials credentials =
        key.isSet()
            ? new GcpCredentials.ServiceAccountKey(key)
            : new GcpCredentials.ApplicationDefault();
    List<ConfigValue> projectIds =
        list(
            s,
            "project_ids",
            ValueRules.GCP_PROJECT_ID,
            "is not a GCP project id (6-30 lower-case letters, digits or -, starting with a"
                + " letter)");
    DiscoveryRules discovery =
        new DiscoveryRules(
            words(
                s,
                "parents",
                GCP_PARENT,
                "is not a Resource Manager parent like organizations/123 or folders/456"),
            words(s, "skip_folders", GCP_FOLDER, "is not a folder like folders/456"),
            List.of(),
            words(s, "skip_projects", ValueRules.GCP_PROJECT_ID, "is not a GCP project id"));
    if (!projectIds.isEmpty() && !discovery.equals(DiscoveryRules.none())) {
      problems.error(
          s.keyPath("project_ids"),
          s.line("project_ids"),
          "project_ids lists the projects, so parents, skip_folders and skip_projects (which"
              + " discover them) do not apply; keep one or the other");
    }
    ConfigValue billingExportTable = text(s, "billing_export_table");
    checkShape(
        billingExportTable,
        ValueRules.BIGQUERY_TABLE,
        "is not a BigQuery table like my-project.billing.gcp_billing_export_v1_012345_6789AB_CDEF01"
            + " (project.dataset.table)");
    return new GcpSession(
        origin,
        name,
        credentials,
        projectIds,
        url(s, "endpoint_url", false),
        discovery,
        billingExportTable);
  }

  // ---------------------------------------------------------------- secrets_manager

  private SecretsManagerConfig readSecretsManager(Section top) {
    Optional<Section> section = subsection(top, "secrets_manager");
    if (section.isEmpty()) {
      return new SecretsManagerConfig(
          defaultKeystore(KeystoreConfig.KeystoreScope.USER),
          defaultKeystore(KeystoreConfig.KeystoreScope.APP),
          List.of());
    }
    Section sm = section.get();
    checkKeys(sm, SECRETS_MANAGER_KEYS, key -> Optional.empty());
    KeystoreConfig user = readKeystore(sm, KeystoreConfig.KeystoreScope.USER);
    KeystoreConfig app = readKeystore(sm, KeystoreConfig.KeystoreScope.APP);
    List<CloudStoreConfig> stores = new ArrayList<>();
    subsection(sm, "cloud_stores")
        .ifPresent(
            cs ->
                cs.node
                    .entries()
                    .values()
                    .forEach(entry -> readStore(cs, entry).ifPresent(stores::add)));
    Map<String, String> backups = readBackups(sm, user, app, stores);
    SecretsManagerConfig config = new SecretsManagerConfig(user, app, stores, backups);
    warnOnSharedPriorities(sm, config);
    return config;
  }

  private record BackupReference(String backup, String keyPath, int line) {}

  /**
   * Store name → the store that takes its writes while it fails: the store's own {@code backup},
   * else {@code secrets_manager.backup_store}. Backups are named as the stores are at run time
   * (cloud store names, {@code keystore-user}, {@code keystore-app}); one hop only, so a backup
   * never fails over again.
   */
  private Map<String, String> readBackups(
      Section sm, KeystoreConfig user, KeystoreConfig app, List<CloudStoreConfig> stores) {
    Map<String, Boolean> writable = new LinkedHashMap<>();
    writable.put(SecretsManagerConfig.USER_KEYSTORE_STORE, user.enabled());
    writable.put(SecretsManagerConfig.APP_KEYSTORE_STORE, app.enabled());
    stores.forEach(store -> writable.put(store.name(), true));
    Optional<BackupReference> global =
        word(sm, "backup_store", false)
            .map(b -> new BackupReference(b, sm.keyPath("backup_store"), sm.line("backup_store")));
    global.ifPresent(g -> checkBackup(g, null, writable));
    Map<String, String> backups = new LinkedHashMap<>();
    writable.forEach(
        (store, enabled) -> {
          if (!enabled) {
            return;
          }
          BackupReference own = storeBackups.get(store);
          if (own != null) {
            if (checkBackup(own, store, writable)) {
              backups.put(store, own.backup());
            }
          } else if (global.isPresent() && !global.get().backup().equals(store)) {
            backups.put(store, global.get().backup());
          }
        });
    return backups;
  }

  /** Whether {@code ref} names another enabled, writable store; reports why not. */
  private boolean checkBackup(BackupReference ref, String store, Map<String, Boolean> writable) {
    String backup = ref.backup();
    if (backup.equals(store)) {
      problems.error(
          ref.keyPath(), ref.line(), "store '" + store + "' cannot be its own backup store");
      return false;
    }
    if (backup.equals(SecretsManagerConfig.ENVIRONMENT_STORE)) {
      problems.error(
          ref.keyPath(),
          ref.line(),
          "store '"
              + backup
              + "' (the environment) is read-only and cannot take writes as a backup store");
      return false;
    }
    if (!writable.containsKey(backup)) {
      problems.error(
          ref.keyPath(),
          ref.line(),
          "unknown backup store '"
              + echo(backup)
              + "'; configured stores: "
              + String.join(", ", writable.keySet())
              + ValueRules.didYouMean(backup, List.copyOf(writable.keySet())));
      return false;
    }
    if (!writable.get(backup)) {
      problems.error(
          ref.keyPath(),
          ref.line(),
          "backup store '" + backup + "' is disabled (enabled: false) and cannot take writes");
      return false;
    }
    return true;
  }

  private KeystoreConfig readKeystore(Section sm, KeystoreConfig.KeystoreScope scope) {
    Optional<Section> section = subsection(sm, scope.yamlKey());
    if (section.isEmpty()) {
      return defaultKeystore(scope);
    }
    Section s = section.get();
    checkKeys(s, KEYSTORE_KEYS, key -> Optional.empty());
    ConfigValue path = text(s, "path");
    if (path instanceof ConfigValue.SecretReference) {
      error(
          path,
          "a keystore path cannot come from a secret store (SEC/): the keystore would be"
              + " needed to open itself; write the path or use ENV/");
    }
    int priority = integer(s, "priority", scope.defaultPriority());
    boolean enabled = bool(s, "enabled").orElse(true);
    return new KeystoreConfig(scope, path, priority, enabled);
  }

  private KeystoreConfig defaultKeystore(KeystoreConfig.KeystoreScope scope) {
    return new KeystoreConfig(
        scope,
        new ConfigValue.Unset(
            new ValueOrigin(file, KeyPath.child("secrets_manager." + scope.yamlKey(), "path"), 0)),
        scope.defaultPriority(),
        true);
  }

  private Optional<CloudStoreConfig> readStore(Section stores, Entry entry) {
    String name = entry.key();
    String path = stores.keyPath(name);
    if (!ValueRules.NAME.matcher(name).matches()) {
      problems.error(
          path,
          entry.keyLine(),
          "store names are 1-64 letters, digits, _ or -, starting with a letter");
    }
    if (name.equals("user_keystore") || name.equals("app_keystore")) {
      problems.error(path, entry.keyLine(), "'" + name + "' is the name of a local keystore");
    }
    if (!(entry.value() instanceof Mapping mapping)) {
      problems.error(
          path,
          entry.value().line(),
          "expected a store (a mapping with store_type, priority...), found "
              + entry.value().describe());
      return Optional.empty();
    }
    Section s = new Section(path, mapping);
    Optional<String> typeText = word(s, "store_type", true);
    Optional<StoreType> type =
        typeText.flatMap(
            t -> oneOf(s, "store_type", t, StoreType::fromYaml, StoreType.yamlNames()));
    if (type.isEmpty()) {
      Set<String> anyKey = new LinkedHashSet<>(STORE_COMMON_KEYS);
      for (StoreType any : StoreType.values()) {
        anyKey.addAll(STORE_KEYS.get(any));
      }
      checkKeys(s, anyKey, key -> Optional.empty());
      return Optional.empty();
    }
    StoreType storeType = type.get();
    List<String> allowed = new ArrayList<>(STORE_COMMON_KEYS);
    allowed.addAll(STORE_KEYS.get(storeType));
    checkKeys(
        s, allowed, key -> ownerOfKey(key, storeType, STORE_KEYS, StoreType::yamlName, "stores"));

    ValueOrigin origin = new ValueOrigin(file, path, mapping.line());
    word(s, "backup", false)
        .ifPresent(
            b ->
                storeBackups.put(
                    name, new BackupReference(b, s.keyPath("backup"), s.line("backup"))));
    int priority = integer(s, "priority", CloudStoreConfig.DEFAULT_PRIORITY);
    ConfigValue prefix = text(s, "prefix");
    if (storeType == StoreType.VAULT) {
      return Optional.of(
          new CloudStoreConfig.HashiCorpVault(
              origin,
              name,
              priority,
              required(s, "address", url(s, "address", false)),
              text(s, "token"),
              orDefault(text(s, "mount"), DEFAULT_VAULT_MOUNT),
              text(s, "namespace"),
              prefix));
    }
    Optional<String> sessionName = word(s, "session_name", true);
    sessionName.ifPresent(n -> checkStoreSession(s, storeType, n));
    // Built even without a session name, so that the other keys are checked too.
    String session = sessionName.orElse("");
    CloudStoreConfig store =
        switch (storeType) {
          case AWS -> {
            ConfigValue region = text(s, "region");
            checkShape(region, ValueRules.AWS_REGION, "is not an AWS region name like us-east-1");
            yield new CloudStoreConfig.AwsSecretsManager(
                origin, name, priority, session, region, prefix);
          }
          case AZURE ->
              new CloudStoreConfig.AzureKeyVault(
                  origin,
                  name,
                  priority,
                  session,
                  required(s, "vault_url", url(s, "vault_url", false)),
                  prefix);
          case GCP -> {
            ConfigValue projectId = required(s, "project_id", text(s, "project_id"));
            checkShape(projectId, ValueRules.GCP_PROJECT_ID, "is not a GCP project id");
            yield new CloudStoreConfig.GcpSecretManager(
                origin, name, priority, session, projectId, prefix);
          }
          case VAULT -> throw new IllegalStateException("Vault is read above");
        };
    return sessionName.isPresent() ? Optional.of(store) : Optional.empty();
  }

  private void checkStoreSession(Section s, StoreType storeType, String sessionName) {
    Optional<SessionType> wanted = storeType.sessionType();
    if (!sessionTypes.containsKey(sessionName)) {
      problems.error(
          s.keyPath("session_name"),
          s.line("session_name"),
          "names no session of cloud_sessions: '"
              + sessionName
              + "'"
              + ValueRules.didYouMean(sessionName, sessionTypes.keySet()));
      return;
    }
    Optional<SessionType> actual = sessionTypes.get(sessionName);
    if (actual.isPresent() && wanted.isPresent() && actual.get() != wanted.get()) {
      problems.error(
          s.keyPath("session_name"),
          s.line("session_name"),
          "session '"
              + sessionName
              + "' is "
              + article(actual.get().yamlName())
              + " session, but "
              + article(storeType.yamlName())
              + " store needs "
              + article(wanted.get().yamlName())
              + " session");
    }
  }

  // The warning goes on the cloud stores of a shared priority: a keystore's priority is often
  // a default that the file does not even show.
  private void warnOnSharedPriorities(Section sm, SecretsManagerConfig config) {
    Map<Integer, List<StoreConfig>> byPriority = new java.util.TreeMap<>();
    for (StoreConfig store : config.storesByPriority()) {
      byPriority.computeIfAbsent(store.priority(), p -> new ArrayList<>()).add(store);
    }
    for (List<StoreConfig> group : byPriority.values()) {
      if (group.size() < 2) {
        continue;
      }
      List<StoreConfig> targets =
          group.stream().filter(CloudStoreConfig.class::isInstance).toList();
      for (StoreConfig target : targets.isEmpty() ? List.of(group.getLast()) : targets) {
        String others =
            group.stream()
                .filter(other -> other != target)
                .map(other -> "'" + other.name() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        String path =
            target instanceof CloudStoreConfig cloud
                ? cloud.origin().keyPath()
                : KeyPath.child(sm.path, target.name());
        int line =
            target instanceof CloudStoreConfig cloud
                ? cloud.origin().line()
                : sm.line(target.name());
        problems.warning(
            KeyPath.child(path, "priority"),
            line,
            "priority "
                + target.priority()
                + " is shared with "
                + others
                + "; stores with equal priority are asked in name order");
      }
    }
  }

  // ---------------------------------------------------------------- inventory

  private InventoryConfig readInventory(Section top) {
    Optional<Section> section = subsection(top, "inventory");
    if (section.isEmpty()) {
      return defaultInventory();
    }
    Section s = section.get();
    checkKeys(s, INVENTORY_KEYS, key -> Optional.empty());
    InventoryConfig.StoreKind store = InventoryConfig.StoreKind.DYNAMODB;
    Optional<String> storeText = word(s, "store", false);
    if (storeText.isPresent()) {
      List<String> kinds = List.of("dynamodb", "memory");
      if (kinds.contains(storeText.get())) {
        store =
            storeText.get().equals("memory")
                ? InventoryConfig.StoreKind.MEMORY
                : InventoryConfig.StoreKind.DYNAMODB;
      } else {
        problems.error(
            s.keyPath("store"),
            s.line("store"),
            "unknown inventory store '"
                + echo(storeText.get())
                + "'"
                + ValueRules.didYouMean(storeText.get(), kinds)
                + "; expected dynamodb or memory");
      }
    }
    ConfigValue tablePrefix =
        orDefault(text(s, "table_prefix"), InventoryConfig.DEFAULT_TABLE_PREFIX);
    checkShape(tablePrefix, ValueRules.TABLE_PREFIX, "may only hold letters, digits, _, . and -");
    ConfigValue region = text(s, "region");
    checkShape(region, ValueRules.AWS_REGION, "is not an AWS region name like us-east-1");
    return new InventoryConfig(store, tablePrefix, endpoint(s), region);
  }

  private InventoryConfig.Endpoint endpoint(Section s) {
    ConfigValue value = text(s, "endpoint");
    if (value instanceof ConfigValue.Literal literal) {
      String text = literal.value().reveal();
      if (text.equals("embedded")) {
        return new InventoryConfig.Embedded();
      }
      if (text.equals("aws")) {
        return new InventoryConfig.AwsDefault();
      }
      if (ValueRules.httpUrl(text).isEmpty()) {
        error(value, "expected embedded, aws or an http(s) URL, found '" + echo(text) + "'");
      } else {
        checkUrl(value, false);
      }
      return new InventoryConfig.Remote(value);
    }
    return value.isSet() ? new InventoryConfig.Remote(value) : new InventoryConfig.Embedded();
  }

  private InventoryConfig defaultInventory() {
    return new InventoryConfig(
        InventoryConfig.StoreKind.DYNAMODB,
        ConfigValue.Literal.of(
            new ValueOrigin(file, "inventory.table_prefix", 0),
            InventoryConfig.DEFAULT_TABLE_PREFIX),
        new InventoryConfig.Embedded(),
        new ConfigValue.Unset(new ValueOrigin(file, "inventory.region", 0)));
  }

  // ---------------------------------------------------------------- rate budgets

  /**
   * {@code rate_budgets: {aws.ec2: 100/20, max_wait_seconds: 30}}: named APIs replace their
   * documented default; the others keep it.
   */
  private RateBudgetConfig readRateBudgets(Section top) {
    Optional<Section> section = subsection(top, "rate_budgets");
    if (section.isEmpty()) {
      return RateBudgetConfig.defaults();
    }
    Section s = section.get();
    Map<String, RateBudget> budgets = new LinkedHashMap<>(ApiBudgets.documentedDefaults());
    List<String> allowed = new ArrayList<>(budgets.keySet());
    allowed.add(RateBudgetConfig.MAX_WAIT_SECONDS);
    checkKeys(s, allowed, key -> Optional.empty());
    for (String api : ApiBudgets.documentedDefaults().keySet()) {
      Optional<Entry> entry = s.entry(api);
      if (entry.isEmpty()) {
        continue;
      }
      YamlNode node = entry.get().value();
      try {
        if (!(node instanceof Scalar scalar) || scalar.kind() == YamlNode.Kind.NULL) {
          throw new IllegalArgumentException("expected CAPACITY/PER_SECOND such as 100/20");
        }
        budgets.put(api, RateBudget.parse(scalar.text()));
      } catch (IllegalArgumentException e) {
        problems.error(s.keyPath(api), node.line(), e.getMessage());
      }
    }
    int maxWait =
        integer(
            s,
            RateBudgetConfig.MAX_WAIT_SECONDS,
            (int) RateBudgetConfig.DEFAULT_MAX_WAIT.toSeconds());
    return new RateBudgetConfig(budgets, java.time.Duration.ofSeconds(maxWait));
  }

  // ---------------------------------------------------------------- typed values

  /** A string setting (literal or reference); {@link ConfigValue.Unset} when absent or broken. */
  private ConfigValue text(Section s, String key) {
    String path = s.keyPath(key);
    Optional<Entry> entry = s.entry(key);
    if (entry.isEmpty()) {
      return new ConfigValue.Unset(new ValueOrigin(file, path, s.node.line()));
    }
    return textValue(entry.get().value(), path, SENSITIVE_KEYS.contains(key))
        .orElseGet(() -> new ConfigValue.Unset(new ValueOrigin(file, path, s.line(key))));
  }

  private Optional<ConfigValue> textValue(YamlNode node, String path, boolean sensitive) {
    if (!(node instanceof Scalar scalar)) {
      problems.error(path, node.line(), "expected a string, found " + node.describe());
      return Optional.empty();
    }
    if (scalar.kind() == YamlNode.Kind.NULL) {
      problems.error(path, node.line(), "has no value; give one or remove the key");
      return Optional.empty();
    }
    ValueOrigin origin = new ValueOrigin(file, path, node.line());
    String text = scalar.text();
    if (text.startsWith(ConfigValue.ENV_PREFIX)) {
      String name = text.substring(ConfigValue.ENV_PREFIX.length());
      if (!ValueRules.ENV_NAME.matcher(name).matches()) {
        problems.error(
            path,
            node.line(),
            malformed(ConfigValue.ENV_PREFIX, name)
                + ": an environment variable name has letters, digits and _ only and does not"
                + " start with a digit, e.g. ENV/AZURE_TENANT_ID");
        return Optional.empty();
      }
      return Optional.of(new ConfigValue.EnvReference(origin, name));
    }
    if (text.startsWith(ConfigValue.SEC_PREFIX)) {
      String name = text.substring(ConfigValue.SEC_PREFIX.length());
      if (!ValueRules.SECRET_NAME.matcher(name).matches()) {
        problems.error(
            path,
            node.line(),
            malformed(ConfigValue.SEC_PREFIX, name)
                + ": a secret name is 1-256 letters, digits or ._/+=@- and starts with a letter"
                + " or digit, e.g. SEC/azure_client_secret");
        return Optional.empty();
      }
      return Optional.of(new ConfigValue.SecretReference(origin, name));
    }
    if (text.isEmpty()) {
      problems.error(path, node.line(), "has no value; give one or remove the key");
      return Optional.empty();
    }
    if (sensitive) {
      problems.warning(
          path,
          node.line(),
          "holds a literal secret; keep secrets out of this file: store it with"
              + " 'cloudledger secrets set NAME' and write SEC/NAME, or write ENV/VARIABLE");
    }
    return Optional.of(ConfigValue.Literal.of(origin, text));
  }

  private static String malformed(String prefix, String name) {
    if (name.isEmpty()) {
      return prefix + " has no name after the /";
    }
    return "malformed reference '" + prefix + echo(name) + "'";
  }

  /** A word that structures the file (names, types): literal only, never a reference. */
  private Optional<String> word(Section s, String key, boolean required) {
    Optional<Entry> entry = s.entry(key);
    String path = s.keyPath(key);
    if (entry.isEmpty()) {
      if (required) {
        problems.error(path, s.node.line(), "missing required key '" + key + "'");
      }
      return Optional.empty();
    }
    YamlNode node = entry.get().value();
    if (!(node instanceof Scalar scalar)
        || scalar.kind() == YamlNode.Kind.NULL
        || scalar.text().isEmpty()) {
      problems.error(path, node.line(), "expected a word, found " + describeFound(node, false));
      return Optional.empty();
    }
    String text = scalar.text();
    if (text.startsWith(ConfigValue.ENV_PREFIX) || text.startsWith(ConfigValue.SEC_PREFIX)) {
      problems.error(
          path,
          node.line(),
          "'" + key + "' must be written out: ENV/ and SEC/ references are not allowed here");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  private int integer(Section s, String key, int defaultValue) {
    Optional<Entry> entry = s.entry(key);
    if (entry.isEmpty()) {
      return defaultValue;
    }
    YamlNode node = entry.get().value();
    String path = s.keyPath(key);
    if (node instanceof Scalar scalar && scalar.kind() == YamlNode.Kind.INTEGER) {
      try {
        int value = Integer.parseInt(scalar.text().replace("_", ""));
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // out of int range, or a YAML integer form like 0x10: reported below
      }
      problems.error(path, node.line(), "must be a whole number from 0 to " + Integer.MAX_VALUE);
      return defaultValue;
    }
    problems.error(path, node.line(), "expected an integer, found " + describeFound(node, false));
    return defaultValue;
  }

  private Optional<Boolean> bool(Section s, String key) {
    Optional<Entry> entry = s.entry(key);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    YamlNode node = entry.get().value();
    if (node instanceof Scalar scalar && scalar.kind() == YamlNode.Kind.BOOLEAN) {
      return Optional.of(Boolean.parseBoolean(scalar.text().toLowerCase(java.util.Locale.ROOT)));
    }
    problems.error(
        s.keyPath(key), node.line(), "expected true or false, found " + describeFound(node, false));
    return Optional.empty();
  }

  /** A list of strings; each literal must match {@code shape}; absent is an empty list. */
  private List<ConfigValue> list(Section s, String key, Pattern shape, String shapeMessage) {
    Optional<Entry> entry = s.entry(key);
    if (entry.isEmpty()) {
      return List.of();
    }
    String path = s.keyPath(key);
    YamlNode node = entry.get().value();
    if (!(node instanceof Sequence sequence)) {
      problems.error(
          path,
          node.line(),
          "expected a list (e.g. [a, b] or one '- item' per line), found "
              + describeFound(node, false));
      return List.of();
    }
    List<ConfigValue> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < sequence.items().size(); i++) {
      YamlNode item = sequence.items().get(i);
      Optional<ConfigValue> value = textValue(item, KeyPath.item(path, i), false);
      if (value.isEmpty()) {
        continue;
      }
      checkShape(value.get(), shape, shapeMessage);
      if (value.get() instanceof ConfigValue.Literal literal
          && !seen.add(literal.value().reveal())) {
        error(value.get(), "'" + echo(literal.value().reveal()) + "' is listed twice");
      }
      values.add(value.get());
    }
    return values;
  }

  private ConfigValue url(Section s, String key, boolean httpsOnly) {
    ConfigValue value = text(s, key);
    checkUrl(value, httpsOnly);
    return value;
  }

  private void checkUrl(ConfigValue value, boolean httpsOnly) {
    if (value instanceof ConfigValue.Literal literal) {
      String text = literal.value().reveal();
      Optional<java.net.URI> uri = ValueRules.httpUrl(text);
      if (uri.isPresent() && uri.get().getRawUserInfo() != null) {
        // Not echoed: the user-info part is typically a password.
        error(value, "must not hold credentials (user:password@); give them as separate keys");
      } else if (uri.isEmpty()) {
        error(value, "is not an http(s) URL: '" + echo(text) + "'");
      } else if (httpsOnly && !uri.get().getScheme().equalsIgnoreCase("https")) {
        error(value, "must be an https URL (the Azure SDK refuses other authority hosts)");
      }
    }
  }

  private Map<String, ConfigValue> endpointMap(Section s, String key) {
    Optional<Section> section = subsection(s, key);
    if (section.isEmpty()) {
      return Map.of();
    }
    Map<String, ConfigValue> endpoints = new LinkedHashMap<>();
    for (Entry entry : section.get().node.entries().values()) {
      String path = section.get().keyPath(entry.key());
      if (!ValueRules.SERVICE_NAME.matcher(entry.key()).matches()) {
        problems.error(
            path,
            entry.keyLine(),
            "service names are lower-case letters, digits and -, as in ec2, sts, s3");
        continue;
      }
      textValue(entry.value(), path, false)
          .ifPresent(
              value -> {
                checkUrl(value, false);
                endpoints.put(entry.key(), value);
              });
    }
    return endpoints;
  }

  private Optional<Section> subsection(Section parent, String key) {
    Optional<Entry> entry = parent.entry(key);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    YamlNode node = entry.get().value();
    if (node instanceof Mapping mapping) {
      return Optional.of(new Section(parent.keyPath(key), mapping));
    }
    problems.error(
        parent.keyPath(key), node.line(), "expected a mapping of keys, found " + node.describe());
    return Optional.empty();
  }

  // ---------------------------------------------------------------- checks

  private void checkKeys(
      Section s,
      Collection<String> allowed,
      java.util.function.Function<String, Optional<String>> elsewhere) {
    for (Entry entry : s.node.entries().values()) {
      String key = entry.key();
      if (allowed.contains(key)) {
        continue;
      }
      String message =
          elsewhere
              .apply(key)
              .orElseGet(
                  () ->
                      "unknown key '"
                          + echo(key)
                          + "'"
                          + ValueRules.closest(key, allowed)
                              .map(c -> " (did you mean '" + c + "'?)")
                              .orElse("; expected one of " + String.join(", ", allowed)));
      problems.error(s.keyPath(key), entry.keyLine(), message);
    }
  }

  private void checkName(Section s, String key, String name, String what) {
    if (!ValueRules.NAME.matcher(name).matches()) {
      problems.error(
          s.keyPath(key),
          s.line(key),
          what + " names are 1-64 letters, digits, _ or -, starting with a letter");
    }
  }

  private void checkShape(ConfigValue value, Pattern shape, String message) {
    if (value instanceof ConfigValue.Literal literal
        && !shape.matcher(literal.value().reveal()).matches()) {
      error(value, message + ", found '" + echo(literal.value().reveal()) + "'");
    }
  }

  private void requireTogether(
      Section s, ConfigValue given, String givenKey, ConfigValue needed, String neededKey) {
    if (given.isSet() && !needed.isSet() && !s.entry(neededKey).isPresent()) {
      problems.error(
          s.keyPath(neededKey),
          s.node.line(),
          givenKey + " needs " + neededKey + ", which is missing");
    }
  }

  private ConfigValue required(Section s, String key, ConfigValue value) {
    if (s.entry(key).isEmpty()) {
      problems.error(s.keyPath(key), s.node.line(), "missing required key '" + key + "'");
    }
    return value;
  }

  private ConfigValue orDefault(ConfigValue value, String defaultText) {
    return value.isSet() ? value : ConfigValue.Literal.of(value.origin(), defaultText);
  }

  private void error(ConfigValue value, String message) {
    problems.error(value.origin().keyPath(), value.origin().line(), message);
  }

  private static String describeFound(YamlNode node, boolean sensitive) {
    if (node instanceof Scalar scalar
        && scalar.kind() != YamlNode.Kind.NULL
        && !sensitive
        && scalar.text().length() <= MAX_ECHO) {
      return node.describe() + " ('" + scalar.text() + "')";
    }
    return node.describe();
  }

  /** Text from the file for a message: only non-secret words reach here; long ones are cut. */
  private static String echo(String text) {
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
  }

  private static String article(String word) {
    return (word.startsWith("a") ? "an " : "a ") + word;
  }

  /** A mapping being read, with its key path. */
  private record Section(String path, Mapping node) {
    String keyPath(String key) {
      return KeyPath.child(path, key);
    }

    Optional<Entry> entry(String key) {
      return Optional.ofNullable(node.entries().get(key));
    }

    /** The line of a key, or of the mapping when the key is absent. */
    int line(String key) {
      return entry(key).map(Entry::keyLine).orElse(node.line());
    }
  }
}
