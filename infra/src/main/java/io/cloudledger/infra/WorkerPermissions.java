package io.cloudledger.infra;

import java.util.List;

/**
 * The IAM actions of the central functions, named one by one (no wildcards). A test derives the SDK
 * calls the stores and connectors make and fails when one lacks its action here.
 */
public final class WorkerPermissions {
  private WorkerPermissions() {}

  /** What the inventory, sync-run and later stores call on their tables. */
  public static final List<String> TABLE_ACTIONS =
      List.of(
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:Query");

  /** What the fan-out does with the sync-requests table: record which accounts a request got. */
  public static final List<String> REQUEST_LOG_ACTIONS = List.of("dynamodb:PutItem");

  /**
   * What the HTTP trigger does with the sync-runs and sync-requests tables: record a request, read
   * its status.
   */
  public static final List<String> SYNC_RUN_ACTIONS =
      List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query");

  /**
   * What DynamoDB needs of a caller on a customer-managed table key (CDK's table grants, with the
   * wildcards {@code ReEncrypt*} and {@code GenerateDataKey*} spelt out).
   */
  public static final List<String> TABLE_KEY_ACTIONS =
      List.of(
          "kms:Decrypt",
          "kms:Encrypt",
          "kms:DescribeKey",
          "kms:GenerateDataKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo");

  /**
   * What the fan-out does with the inventory table: mark the scope records of a suspended or closed
   * organization member stale (read them, write them back), never a resource item.
   */
  public static final List<String> STALE_MARK_ACTIONS =
      List.of("dynamodb:Query", "dynamodb:BatchWriteItem");

  /**
   * Listing an organization's accounts (AwsOrganizationDiscovery), from the management or a
   * delegated administrator account: the fan-out and the trigger list it to know the accounts; a
   * worker only when several organizations are configured.
   */
  public static final List<String> ORGANIZATIONS_ACTIONS =
      List.of(
          "organizations:ListRoots",
          "organizations:ListOrganizationalUnitsForParent",
          "organizations:ListAccountsForParent",
          "organizations:ListAccounts");

  /** What the trigger reads of the inventory table for GET /accounts: the scope records. */
  public static final List<String> FRESHNESS_READ_ACTIONS = List.of("dynamodb:Query");

  /** Assuming a member role. */
  public static final String ASSUME_ROLE = "sts:AssumeRole";
}
