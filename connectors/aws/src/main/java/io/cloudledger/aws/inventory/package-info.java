/**
 * The AWS {@link io.cloudledger.core.inventory.InventorySource}: EC2 instances, VPCs and subnets
 * per enabled region, S3 buckets account-wide, listed page by page and normalized.
 */
package io.cloudledger.aws.inventory;
