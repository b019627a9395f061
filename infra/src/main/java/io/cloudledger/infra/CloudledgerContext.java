package io.cloudledger.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deployment's parameters, read once from the CDK context ({@code -c key=value} or {@code
 * cdk.json}) and validated, so a missing or malformed value fails synth with a message naming the
 * key instead of producing a broken template.
 *
 * @param memberAccounts the 12-digit ids of the accounts to sync; each gets a member-role stack,
 *     and the worker may assume exactly those roles (empty: one account-agnostic member stack)
 * @param centralAccount the account whose worker assumes the member roles; required with member
 *     accounts, else empty: the one member stack trusts its own account
 * @param externalId the {@code sts:ExternalId} the member roles demand
 * @param inventorySchedule an EventBridge {@code rate(...)} or {@code cron(...)} expression
 * @param costSchedule the same, for the daily cost sync
 * @param alarmEmail where alarms are mailed; empty for none (subscribe to the topic yourself)
 * @param memberRoleName the name of the read-only role in every member account
 * @param lambdaJarDirectory where the built {@code aws-lambda} jars are, one per function role
 *     ({@link LambdaArtifact.Jar}); {@link #lambdaJar} names each
 * @param tablePrefix prepended to every table name, the same prefix the stores are given
 * @param workerMaxConcurrency the most worker invocations the queue may drive at once
 * @param payerAccount the member account that is the organization's payer (management) account: its
 *     session gets {@code cost_explorer: true}, so the daily cost sync queries Cost Explorer once
 *     there, through its member role, for every linked account; empty: no cost is synced
 */
public record CloudledgerContext(
    List<String> memberAccounts,
    String centralAccount,
    String externalId,
    String inventorySchedule,
    String costSchedule,
    String alarmEmail,
    String memberRoleName,
    Path lambdaJarDirectory,
    String tablePrefix,
    int workerMaxConcurrency,
    String payerAccount) {

  public static final String MEMBER_ACCOUNTS = "memberAccounts";
  public static final String CENTRAL_ACCOUNT = "centralAccount";
  public static final String EXTERNAL_ID = "externalId";
  public static final String INVENTORY_SCHEDULE = "inventorySchedule";
  public static final String COST_SCHEDULE = "costSchedule";
  public static final String ALARM_EMAIL = "alarmEmail";
  public static final String MEMBER_ROLE_NAME = "memberRoleName";
  public static final String LAMBDA_JAR_DIRECTORY = "lambdaJarDirectory";
  public static final String TABLE_PREFIX = "tablePrefix";
  public static final String WORKER_MAX_CONCURRENCY = "workerMaxConcurrency";
  public static final String PAYER_ACCOUNT = "payerAccount";

  /** Every key this app reads, so a misspelt one is reported instead of silently ignored. */
  public static final List<String> KEYS =
      List.of(
          MEMBER_ACCOUNTS,
          CENTRAL_ACCOUNT,
          EXTERNAL_ID,
          INVENTORY_SCHEDULE,
          COST_SCHEDULE,
          ALARM_EMAIL,
          MEMBER_ROLE_NAME,
          LAMBDA_JAR_DIRECTORY,
          TABLE_PREFIX,
          WORKER_MAX_CONCURRENCY,
          PAYER_ACCOUNT);

  public static final String DEFAULT_INVENTORY_SCHEDULE = "rate(10 minutes)";
  public static final String DEFAULT_COST_SCHEDULE = "cron(0 6 * * ? *)";
  public static final String DEFAULT_MEMBER_ROLE_NAME = "cloudledger-reader";
  public static final String DEFAULT_TABLE_PREFIX = "cloudledger-";
  public static final int DEFAULT_WORKER_MAX_CONCURRENCY = 10;

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  // IAM's own rule for sts:ExternalId: 2-1224 characters of this set.
  private static final Pattern EXTERNAL_ID_CHARS = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Pattern RATE =
      Pattern.compile("rate\\((1 (minute|hour|day)|([2-9]|[1-9]\\d+) (minutes|hours|days))\\)");
  // Six fields: minutes hours day-of-month month day-of-week year.
  private static final Pattern CRON = Pattern.compile("cron\\(\\S+( \\S+){5}\\)");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern TABLE_PREFIX_CHARS = Pattern.compile("[a-zA-Z0-9_.-]{0,200}");

  public CloudledgerContext {
    memberAccounts = List.copyOf(memberAccounts);
  }

  /** The alarm address, when one is configured. */
  public Optional<String> alarmEmailAddress() {
    return alarmEmail.isEmpty() ? Optional.empty() : Optional.of(alarmEmail);
  }

  /** The central account, when the member roles trust another account than their own. */
  public Optional<String> centralAccountId() {
    return centralAccount.isEmpty() ? Optional.empty() : Optional.of(centralAccount);
  }

  /**
   * Reads and validates {@code context} (CDK context values: strings from {@code -c}, or JSON
   * values from {@code cdk.json}); relative paths are resolved against {@code workingDirectory}.
   *
   * @throws InvalidContextException naming every missing or malformed key at once
   */
  public static CloudledgerContext from(Map<String, ?> context, Path workingDirectory) {
    Problems problems = new Problems();
    for (String key : context.keySet()) {
      if (!KEYS.contains(key) && !isCdkOwn(key)) {
        problems.add(
            key, "is not a parameter of this app (known: " + String.join(", ", KEYS) + ")");
      }
    }
    List<String> members = accounts(context.get(MEMBER_ACCOUNTS), problems);
    String central = text(context, CENTRAL_ACCOUNT, "");
    if (!central.isEmpty() && !ACCOUNT_ID.matcher(central).matches()) {
      problems.add(CENTRAL_ACCOUNT, "must be a 12-digit AWS account id, got '" + central + "'");
    } else if (central.isEmpty() && !members.isEmpty()) {
      // Each member stack is deployed into its own account: without this it would trust itself.
      problems.add(
          CENTRAL_ACCOUNT,
          "is missing: with memberAccounts, name the account of the worker the member roles"
              + " trust (-c centralAccount=<12-digit id>)");
    }
    String externalId = text(context, EXTERNAL_ID, "");
    if (externalId.isEmpty()) {
      problems.add(
          EXTERNAL_ID,
          "is missing: the member roles demand an sts:ExternalId; pass -c externalId=<2-1224"
              + " characters of letters, digits and +=,.@:/-_>");
    } else if (!EXTERNAL_ID_CHARS.matcher(externalId).matches()) {
      // The value is not echoed: it guards the member roles.
      problems.add(
          EXTERNAL_ID,
          "must be 2-1224 characters of letters, digits and +=,.@:/-_ (got "
              + externalId.length()
              + " characters)");
    }
    String inventory = schedule(context, INVENTORY_SCHEDULE, DEFAULT_INVENTORY_SCHEDULE, problems);
    String cost = schedule(context, COST_SCHEDULE, DEFAULT_COST_SCHEDULE, problems);
    String email = text(context, ALARM_EMAIL, "");
    if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
      problems.add(
          ALARM_EMAIL, "must be an e-mail address such as ops@example.com, got '" + email + "'");
    }
    String roleName = text(context, MEMBER_ROLE_NAME, DEFAULT_MEMBER_ROLE_NAME);
    if (!ROLE_NAME.matcher(roleName).matches()) {
      problems.add(
          MEMBER_ROLE_NAME,
          "must be an IAM role name (1-64 of letters, digits and +=,.@-_), got '" + roleName + "'");
    }
    String prefix = text(context, TABLE_PREFIX, DEFAULT_TABLE_PREFIX);
    if (!TABLE_PREFIX_CHARS.matcher(prefix).matches()) {
      problems.add(
          TABLE_PREFIX, "may hold only letters, digits, '_', '-' and '.', got '" + prefix + "'");
    }
    int concurrency = workerConcurrency(context, problems);
    String jarsText = text(context, LAMBDA_JAR_DIRECTORY, LambdaArtifact.DEFAULT_JAR_DIRECTORY);
    Path jars = workingDirectory.resolve(jarsText).normalize();
    List<String> missing =
        Arrays.stream(LambdaArtifact.Jar.values())
            .map(LambdaArtifact.Jar::fileName)
            .filter(name -> !jars.resolve(name).toFile().isFile())
            .toList();
    if (!missing.isEmpty()) {
      problems.add(
          LAMBDA_JAR_DIRECTORY,
          "names "
              + jars
              + ", which does not hold "
              + String.join(", ", missing)
              + ": build them first (./run-tests, or mvn -pl aws-lambda -am package -DskipTests"
              + " from the repository root), or pass -c lambdaJarDirectory=<path>");
    }
    String payer = text(context, PAYER_ACCOUNT, "");
    if (!payer.isEmpty() && !members.contains(payer)) {
      problems.add(
          PAYER_ACCOUNT,
          "must be one of memberAccounts (the worker reaches Cost Explorer through its member"
              + " role), got '"
              + payer
              + "'");
    }
    problems.throwIfAny();
    return new CloudledgerContext(
        members,
        central,
        externalId,
        inventory,
        cost,
        email,
        roleName,
        jars,
        prefix,
        concurrency,
        payer);
  }

  /** The built jar {@code jar}'s functions run. */
  public Path lambdaJar(LambdaArtifact.Jar jar) {
    return lambdaJarDirectory.resolve(jar.fileName());
  }

  private static boolean isCdkOwn(String key) {
    // The CLI and feature flags put their own keys into the same context.
    return key.startsWith("@") || key.startsWith("aws:") || key.startsWith("cdk");
  }

  private static String text(Map<String, ?> context, String key, String fallback) {
    Object value = context.get(key);
    return value == null ? fallback : value.toString().strip();
  }

  private static List<String> accounts(Object value, Problems problems) {
    if (value == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> ids.add(String.valueOf(item).strip()));
    } else {
      // From -c memberAccounts=111111111111,222222222222 (the CLI passes strings).
      String text = value.toString().strip();
      if (text.startsWith("[") && text.endsWith("]")) {
        text = text.substring(1, text.length() - 1);
      }
      Arrays.stream(text.split(","))
          .map(s -> s.strip().replace("\"", ""))
          .filter(s -> !s.isEmpty())
          .forEach(ids::add);
    }
    List<String> bad = ids.stream().filter(id -> !ACCOUNT_ID.matcher(id).matches()).toList();
    if (!bad.isEmpty()) {
      problems.add(MEMBER_ACCOUNTS, "must be 12-digit AWS account ids, but has " + bad);
    }
    List<String> repeated =
        ids.stream().filter(id -> ids.indexOf(id) != ids.lastIndexOf(id)).distinct().toList();
    if (!repeated.isEmpty()) {
      problems.add(MEMBER_ACCOUNTS, "lists " + repeated + " more than once");
    }
    return List.copyOf(ids);
  }

  private static String schedule(
      Map<String, ?> context, String key, String fallback, Problems problems) {
    String expression = text(context, key, fallback);
    if (!RATE.matcher(expression).matches() && !CRON.matcher(expression).matches()) {
      problems.add(
          key,
          "must be an EventBridge schedule such as 'rate(10 minutes)' or 'cron(0 6 * * ? *)', got '"
              + expression
              + "'");
    }
    return expression;
  }

  private static int workerConcurrency(Map<String, ?> context, Problems problems) {
    String text = text(context, WORKER_MAX_CONCURRENCY, "" + DEFAULT_WORKER_MAX_CONCURRENCY);
    try {
      int value = Integer.parseInt(text);
      // The SQS event source's own bounds for maxConcurrency.
      if (value >= 2 && value <= 1000) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        WORKER_MAX_CONCURRENCY, "must be a whole number from 2 to 1000, got '" + text + "'");
    return DEFAULT_WORKER_MAX_CONCURRENCY;
  }

  /** Collects every problem, so one synth reports them all. */
  private static final class Problems {
    private final List<String> messages = new ArrayList<>();

    void add(String key, String message) {
      messages.add("context '" + key + "' " + message);
    }

    void throwIfAny() {
      if (!messages.isEmpty()) {
        throw new InvalidContextException(messages);
      }
    }
  }
}
