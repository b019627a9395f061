package io.cloudledger.lambda;

import io.cloudledger.aws.sqs.ElasticMq;
import io.cloudledger.conformance.ConformanceDeployment;
import io.cloudledger.conformance.RuntimeConformanceSuite;
import io.cloudledger.conformance.RuntimeHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The runtime conformance suite on AWS Lambda: the handlers, their event JSON, ElasticMQ. */
class AwsLambdaConformanceTest extends RuntimeConformanceSuite {
  private ElasticMq elasticMq;

  @BeforeAll
  void startElasticMq() {
    elasticMq = ElasticMq.start();
  }

  @AfterAll
  void stopElasticMq() {
    elasticMq.close();
  }

  @Override
  protected String runtimeName() {
    return "aws-lambda";
  }

  @Override
  protected RuntimeHarness deploy(ConformanceDeployment deployment) {
    return new AwsLambdaHarness(deployment, elasticMq);
  }
}
