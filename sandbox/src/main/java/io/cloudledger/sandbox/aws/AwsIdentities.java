package io.cloudledger.sandbox.aws;

import io.cloudledger.sandbox.estate.AwsAccount;
import io.cloudledger.sandbox.estate.Estate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Access keys the sandbox accepts: the management user's IAM access keys (the static key, plus any
 * created through IAM {@code CreateAccessKey} and not deleted), and the temporary keys it issued
 * through AssumeRole. A temporary key is {@code ASIA} + the 12-digit account id + a 4-char
 * sequence, so it identifies its account at a glance.
 */
final class AwsIdentities {
  static final String MANAGEMENT_USER = "cloudledger-sandbox";

  record Session(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      Instant expiration,
      AwsCaller caller) {}

  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final Estate estate;
  private final IamUserKeys userKeys;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();

  AwsIdentities(Estate estate, String managementAccessKeyId, IamUserKeys userKeys) {
    this.estate = estate;
    this.userKeys = userKeys;
    userKeys.register(MANAGEMENT_USER, managementAccessKeyId);
  }

  /** An IAM user of the management account (all IAM users live there). */
  AwsCaller iamUser(String userName) {
    AwsAccount management = estate.managementAccount();
    String userId =
        userName.equals(MANAGEMENT_USER)
            ? "AIDA" + management.accountId() + "SANDBOX"
            : "AIDA" + management.accountId() + Integer.toHexString(userName.hashCode());
    return new AwsCaller(
        management.accountId(),
        "arn:aws:iam::" + management.accountId() + ":user/" + userName,
        userId);
  }

  /** The caller behind an access key (and, for temporary keys, its session token). */
  Optional<AwsCaller> resolve(String accessKeyId, Optional<String> sessionToken) {
    Optional<String> user = userKeys.userOf(accessKeyId);
    if (user.isPresent()) {
      return Optional.of(iamUser(user.get()));
    }
    Session session = sessions.get(accessKeyId);
    if (session == null || sessionToken.filter(session.sessionToken()::equals).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(session.caller());
  }

  Session issue(AwsAccount account, String roleName, String sessionName, Instant expiration) {
    int n = sequence.getAndIncrement();
    String suffix =
        new String(
            new char[] {
              ALPHABET[(n >> 15) & 31],
              ALPHABET[(n >> 10) & 31],
              ALPHABET[(n >> 5) & 31],
              ALPHABET[n & 31]
            });
    String accessKeyId = "ASIA" + account.accountId() + suffix;
    String roleId = "AROA" + account.accountId() + "READER";
    AwsCaller caller =
        new AwsCaller(
            account.accountId(),
            "arn:aws:sts::" + account.accountId() + ":assumed-role/" + roleName + "/" + sessionName,
            roleId + ":" + sessionName);
    Session session =
        new Session(accessKeyId, randomToken(40), randomToken(356), expiration, caller);
    sessions.put(accessKeyId, session);
    return session;
  }

  private static String randomToken(int length) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder out = new StringBuilder(length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      out.append(chars.charAt(random.nextInt(chars.length())));
    }
    return out.toString();
  }
}
