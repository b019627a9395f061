package io.cloudledger.aws.dynamodb;

/** The DynamoDB scalar type of a key attribute, without depending on the SDK. */
public enum AttributeKind {
  STRING,
  NUMBER,
  BINARY
}
