package io.cloudledger.infra;

import io.cloudledger.aws.dynamodb.CloudledgerTables;
import io.cloudledger.aws.dynamodb.TableDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * {@code CloudledgerData}: every table of {@link CloudledgerTables#all()}, so a table added there
 * appears here without a change to infra, under one customer-managed key.
 */
public final class DataStack extends Stack {

  /** What the Data stack needs: the stack's own props and the tables to create. */
  public record Props(StackProps stackProps, String tablePrefix, List<TableDefinition> tables) {
    public Props {
      tables = List.copyOf(tables);
    }

    /** Every table the stores use. */
    public static Props of(StackProps stackProps, String tablePrefix) {
      return new Props(stackProps, tablePrefix, CloudledgerTables.all());
    }
  }

  private final Key key;
  private final Map<TableDefinition, Table> tables = new LinkedHashMap<>();

  public DataStack(Construct scope, String id, Props props) {
    super(scope, id, props.stackProps());
    // A customer-managed key rather than the AWS-owned one: key use shows in CloudTrail, and the
    // key policy (not only IAM) decides who can read the inventory.
    this.key =
        Key.Builder.create(this, "DataKey")
            .description("cloudledger: encrypts the DynamoDB tables")
            .alias("alias/cloudledger-data")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    for (TableDefinition definition : props.tables()) {
      tables.put(
          definition, DynamoDbTableMapping.table(this, definition, props.tablePrefix(), key));
    }
  }

  /** The key the tables are encrypted with. */
  public Key key() {
    return key;
  }

  /** The tables, in definition order. */
  public Map<TableDefinition, Table> tables() {
    return Collections.unmodifiableMap(tables);
  }

  /** The table of {@code definition}. */
  public Table table(TableDefinition definition) {
    Table table = tables.get(definition);
    if (table == null) {
      throw new IllegalArgumentException("the Data stack has no table " + definition.nameSuffix());
    }
    return table;
  }
}
