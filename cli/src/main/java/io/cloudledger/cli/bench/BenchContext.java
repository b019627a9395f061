package io.cloudledger.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What scenarios run against: the settings, the providers' estates, the DynamoDB Local client, the
 * project directory (for jar sizes) and where progress goes.
 */
public record BenchContext(
    BenchSettings settings,
    List<ProviderBench> providers,
    DynamoDbClient dynamoDb,
    Path projectDirectory,
    BenchResults results,
    PrintWriter progress) {

  public BenchContext {
    providers = List.copyOf(providers);
  }

  void log(String line) {
    progress.println("cloudledger bench: " + line);
    progress.flush();
  }
}
