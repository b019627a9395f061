package io.cloudledger.sandbox.aws;

/** Who signed a request: the account whose resources it sees and its IAM identity. */
record AwsCaller(String accountId, String arn, String userId) {}
