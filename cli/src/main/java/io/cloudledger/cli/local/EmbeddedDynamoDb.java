package io.cloudledger.cli.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running inside this process, on a database file under the cloudledger home, so
 * {@code inventory list} after {@code sync} sees the same data across invocations. No HTTP and no
 * port: the SDK client calls the engine directly.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
  static final String DATABASE_FILE = "dynamodb/cloudledger.db";
  private static final Boolean DISABLE_TELEMETRY = Boolean.TRUE;

  private final AmazonDynamoDBLocal local;
  private final Path databaseFile;

  private EmbeddedDynamoDb(AmazonDynamoDBLocal local, Path databaseFile) {
    this.local = local;
    this.databaseFile = databaseFile;
  }

  /** Opens (creating when missing) the database under {@code home}. */
  public static EmbeddedDynamoDb open(Path home) {
    Path file = home.resolve(DATABASE_FILE).toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create " + file.getParent() + ": " + e.getMessage(), e);
    }
    // It wants the database file itself (a directory makes it retry forever). The flag is
    // "disable telemetry": on by default, it calls AWS Cognito/Pinpoint (seconds offline) and
    // writes a metadata file into the working directory.
    return new EmbeddedDynamoDb(DynamoDBEmbedded.create(file.toFile(), DISABLE_TELEMETRY), file);
  }

  /** An in-memory database, gone when closed: for runs that must not touch the home. */
  public static EmbeddedDynamoDb inMemory() {
    return new EmbeddedDynamoDb(DynamoDBEmbedded.create(DISABLE_TELEMETRY), null);
  }

  public DynamoDbClient client() {
    return local.dynamoDbClient();
  }

  /** Where the data lives, or "in memory". */
  public String describe() {
    return databaseFile == null ? "in memory" : databaseFile.toString();
  }

  @Override
  public void close() {
    local.shutdownNow();
  }
}
