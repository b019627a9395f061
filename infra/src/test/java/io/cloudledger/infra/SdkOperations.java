package io.cloudledger.infra;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the IAM actions production code needs from its bytecode: every call on an AWS SDK v2
 * client interface ({@code software.amazon.awssdk.services.<svc>.<Svc>Client}), paginators counted
 * as their operation, and the STS credential providers counted as the call they make for us.
 */
final class SdkOperations {
  private SdkOperations() {}

  /** The SDK's service package → the IAM service prefix. A new service must be added here. */
  static final Map<String, String> IAM_PREFIX =
      Map.of(
          "ec2", "ec2",
          "s3", "s3",
          "sts", "sts",
          "dynamodb", "dynamodb",
          "sqs", "sqs",
          "costexplorer", "ce",
          "secretsmanager", "secretsmanager",
          "iam", "iam",
          "organizations", "organizations");

  /** Operations whose IAM action is named differently from the operation. */
  static final Map<String, String> RENAMED =
      Map.of(
          "s3:ListBuckets", "s3:ListAllMyBuckets",
          // SQS authorizes its batch calls as the single-message action.
          "sqs:SendMessageBatch", "sqs:SendMessage",
          "sqs:DeleteMessageBatch", "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility");

  private static final Pattern CLIENT =
      Pattern.compile("software\\.amazon\\.awssdk\\.services\\.(\\w+)\\.\\w+Client");
  private static final Pattern STS_PROVIDER =
      Pattern.compile(
          "software\\.amazon\\.awssdk\\.services\\.sts\\.auth\\.Sts(\\w+)CredentialsProvider");
  // Client methods that are not API operations.
  private static final Set<String> NOT_OPERATIONS =
      Set.of(
          "close",
          "serviceName",
          "builder",
          "create",
          "waiter",
          "utilities",
          "serviceClientConfiguration",
          "presigner");

  /**
   * The IAM actions called from {@code classes}, each with the classes calling it.
   *
   * @throws IllegalStateException for a call on a service {@link #IAM_PREFIX} does not know
   */
  static Map<String, Set<String>> actions(JavaClasses classes) {
    Map<String, Set<String>> callers = new TreeMap<>();
    for (JavaClass javaClass : classes) {
      for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
        String owner = call.getTargetOwner().getName();
        String method = call.getName();
        String action = null;
        Matcher client = CLIENT.matcher(owner);
        Matcher provider = STS_PROVIDER.matcher(owner);
        // By name alone (the SDK's classes are not imported): builders end in ClientBuilder,
        // waiters and utilities are named otherwise, so only the client interfaces match.
        if (client.matches() && !NOT_OPERATIONS.contains(method)) {
          action = action(client.group(1), method.replaceFirst("Paginator$", ""), owner);
        } else if (provider.matches() && method.equals("builder")) {
          // StsAssumeRoleCredentialsProvider calls AssumeRole itself, out of sight of our code.
          action = "sts:" + provider.group(1);
        }
        if (action != null) {
          callers.computeIfAbsent(action, a -> new TreeSet<>()).add(javaClass.getName());
        }
      }
    }
    return callers;
  }

  private static String action(String service, String method, String owner) {
    String prefix = IAM_PREFIX.get(service);
    if (prefix == null) {
      throw new IllegalStateException(
          "code calls "
              + owner
              + "."
              + method
              + ", a service SdkOperations.IAM_PREFIX does not map to an IAM prefix yet");
    }
    String action = prefix + ":" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    return RENAMED.getOrDefault(action, action);
  }
}
