package io.cloudledger.sandbox;

/**
 * Static AWS credentials the sandbox accepts for its management account. They are fixed, published
 * sandbox values that grant nothing anywhere else.
 */
public record AwsKeys(String accessKeyId, String secretAccessKey) {
  @Override
  public String toString() {
    return "AwsKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
  }
}
