package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The {@link ApiCatalog} in the execution store's DynamoDB table: one item per document, key
 * {@code pk = API#<kind>}, {@code sk = <id>}, the document as JSON text in {@code doc}. Reads are
 * strongly consistent; listing a kind is one query on its partition.
 */
public final class DynamoDbApiCatalog implements ApiCatalog {
  private final DynamoDbClient client;
  private final String table;

  public DynamoDbApiCatalog(DynamoDbClient client, String tableName) {
    this.client = client;
    this.table = tableName;
  }

  private static Map<String, AttributeValue> key(String kind, String id) {
    return Map.of("pk", AttributeValue.fromS("API#" + kind), "sk", AttributeValue.fromS(id));
  }

  private static Map<String, AttributeValue> item(String kind, String id, ObjectNode document) {
    return Map.of("pk", AttributeValue.fromS("API#" + kind), "sk", AttributeValue.fromS(id),
        "doc", AttributeValue.fromS(Json.write(document)));
  }

  @Override
  public Optional<ObjectNode> get(String kind, String id) {
    var response = client.getItem(b -> b.tableName(table).consistentRead(true).key(key(kind, id)));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((ObjectNode) Json.parse(response.item().get("doc").s()));
  }

  @Override
  public boolean putIfAbsent(String kind, String id, ObjectNode document) {
    try {
      client.putItem(b -> b.tableName(table).item(item(kind, id, document)).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public void put(String kind, String id, ObjectNode document) {
    client.putItem(b -> b.tableName(table).item(item(kind, id, document)));
  }

  @Override
  public void delete(String kind, String id) {
    client.deleteItem(b -> b.tableName(table).key(key(kind, id)));
  }

  @Override
  public List<ObjectNode> list(String kind) {
    List<ObjectNode> out = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("API#" + kind)))
            .build())
        .items()
        .forEach(i -> out.add((ObjectNode) Json.parse(i.get("doc").s())));
    return List.copyOf(out);
  }
}
