package io.cloudledger.aws.archfixture;

/** Breaks the rule: a connector must not know an adapter. */
public class AwsConnectorUsingLambdaAdapter {
  public Class<?> adapter() {
    return io.cloudledger.lambda.archfixture.LambdaAdapterUsingSandbox.class;
  }
}
