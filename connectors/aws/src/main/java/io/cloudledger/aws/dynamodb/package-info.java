/**
 * The DynamoDB implementations of the core's inventory and sync-run stores, and the table
 * definitions shared with the CDK app. See the module README for the table design and costs.
 */
package io.cloudledger.aws.dynamodb;
