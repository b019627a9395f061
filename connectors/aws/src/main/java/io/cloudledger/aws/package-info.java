/**
 * AWS connector: EC2, VPC, S3, STS, Cost Explorer, Secrets Manager, SQS and the DynamoDB stores.
 */
package io.cloudledger.aws;
