package dev.nestflow.infrastructure.store;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Building, reading and conditionally putting DynamoDB items, for the stores that keep their items in the one table. */
final class DynamoDbItems {
  private DynamoDbItems() {}

  /** A new item with its key (pk, sk); attributes follow in the order they are put. */
  static Map<String, AttributeValue> keyed(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", text(pk));
    item.put("sk", text(sk));
    return item;
  }

  static AttributeValue text(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  /** Puts a string attribute; a null value leaves it out. */
  static void putText(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, text(value));
    }
  }

  static void putNumber(Map<String, AttributeValue> item, String name, long value) {
    item.put(name, number(value));
  }

  /** A string attribute, or null when the item lacks it. */
  static String textOf(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static long numberOf(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }

  /** Puts the item unless one with its key exists: false (and nothing written) when it did. */
  static boolean putIfAbsent(DynamoDbClient client, String table, Map<String, AttributeValue> item) {
    try {
      client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }
}
