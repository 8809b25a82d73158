package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal DynamoDB for embedded mode: tables with a partition key, items in the wire form of
 * attribute values ({@code {"S": "..."}}), and the calls the integrations use: PutItem, GetItem,
 * UpdateItem ({@code SET} and {@code REMOVE} of top-level attributes), DeleteItem and Query on the
 * partition key. Requests are checked as DynamoDB checks them (validation errors, unknown tables,
 * keys that do not match the schema) and answered with the response bodies DynamoDB sends.
 */
public final class InMemoryDynamoDb {
  private static final Pattern SET_ACTION = Pattern.compile("\\s*([#\\w.]+)\\s*=\\s*([:#\\w.]+)\\s*");
  private static final Pattern KEY_CONDITION = Pattern.compile("\\s*([#\\w.]+)\\s*=\\s*(:\\w+)\\s*");

  private record Table(String partitionKey, Map<String, ObjectNode> items) {}

  private final Map<String, Table> tables = new LinkedHashMap<>();

  public synchronized void createTable(String name, String partitionKey) {
    tables.computeIfAbsent(name, n -> new Table(partitionKey, new LinkedHashMap<>()));
  }

  /** DeleteTable: the table and its items are gone (a table that does not exist: nothing to do). */
  public synchronized void deleteTable(String name) {
    tables.remove(name);
  }

  /** PutItem; the response body is {@code {}} (or the old item for ReturnValues ALL_OLD). */
  public synchronized ObjectNode putItem(JsonNode request) {
    Table table = table(request, "item");
    JsonNode item = request.get("Item");
    String key = keyOf(table, item, true);
    ObjectNode old = table.items().put(key, ((ObjectNode) item).deepCopy());
    ObjectNode response = Json.object();
    if ("ALL_OLD".equals(request.path("ReturnValues").asText()) && old != null) {
      response.set("Attributes", old);
    }
    return response;
  }

  /** GetItem: {@code {"Item": ...}} when found, else {@code {}}. */
  public synchronized ObjectNode getItem(JsonNode request) {
    Table table = table(request, "key");
    ObjectNode item = table.items().get(keyOf(table, request.get("Key"), false));
    ObjectNode response = Json.object();
    if (item != null) {
      response.set("Item", item.deepCopy());
    }
    return response;
  }

  /** DeleteItem; {@code {}} or the deleted item for ReturnValues ALL_OLD. */
  public synchronized ObjectNode deleteItem(JsonNode request) {
    Table table = table(request, "key");
    ObjectNode old = table.items().remove(keyOf(table, request.get("Key"), false));
    ObjectNode response = Json.object();
    if ("ALL_OLD".equals(request.path("ReturnValues").asText()) && old != null) {
      response.set("Attributes", old);
    }
    return response;
  }

  /** UpdateItem with {@code SET a = :v, ...} and {@code REMOVE a, ...}; creates the item when absent. */
  public synchronized ObjectNode updateItem(JsonNode request) {
    Table table = table(request, "key");
    JsonNode keyValue = request.get("Key");
    String key = keyOf(table, keyValue, false);
    ObjectNode before = table.items().get(key);
    ObjectNode after = before == null ? ((ObjectNode) keyValue).deepCopy() : before.deepCopy();
    Map<String, JsonNode> updated = new LinkedHashMap<>();
    List<String> removed = new ArrayList<>();
    applyUpdate(request, after, updated, removed);
    if (updated.containsKey(table.partitionKey()) || removed.contains(table.partitionKey())) {
      throw validation("One or more parameter values were invalid: Cannot update attribute " + table.partitionKey()
          + ". This attribute is part of the key");
    }
    table.items().put(key, after);
    ObjectNode response = Json.object();
    String returnValues = request.path("ReturnValues").asText("NONE");
    ObjectNode attributes = Json.object();
    switch (returnValues) {
      case "ALL_NEW" -> attributes.setAll(after);
      case "ALL_OLD" -> {
        if (before != null) {
          attributes.setAll(before);
        }
      }
      case "UPDATED_NEW" -> updated.keySet().forEach(name -> attributes.set(name, after.get(name)));
      case "UPDATED_OLD" -> {
        if (before != null) {
          updated.keySet().forEach(name -> {
            if (before.has(name)) {
              attributes.set(name, before.get(name));
            }
          });
          removed.forEach(name -> {
            if (before.has(name)) {
              attributes.set(name, before.get(name));
            }
          });
        }
      }
      default -> { }
    }
    if (!attributes.isEmpty()) {
      response.set("Attributes", attributes);
    }
    return response;
  }

  /** Query with a key condition {@code <partition key> = :value}. */
  public synchronized ObjectNode query(JsonNode request) {
    Table table = table(request, null);
    Matcher m = KEY_CONDITION.matcher(request.path("KeyConditionExpression").asText(""));
    if (!m.matches()) {
      throw validation("Invalid KeyConditionExpression: the embedded DynamoDB supports only '<partition key> = :value'");
    }
    String name = name(m.group(1), request);
    JsonNode value = request.path("ExpressionAttributeValues").get(m.group(2));
    if (!table.partitionKey().equals(name)) {
      throw validation("Query condition missed key schema element: " + table.partitionKey());
    }
    if (value == null) {
      throw validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + m.group(2) + "}");
    }
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode item : table.items().values()) {
      if (value.equals(item.get(name))) {
        found.add(item.deepCopy());
      }
    }
    ObjectNode response = Json.object();
    response.put("Count", found.size());
    found.forEach(response.putArray("Items")::add);
    response.put("ScannedCount", found.size());
    return response;
  }

  private void applyUpdate(JsonNode request, ObjectNode item, Map<String, JsonNode> updated, List<String> removed) {
    String expression = request.path("UpdateExpression").asText("");
    Matcher clause = Pattern.compile("(?i)\\b(SET|REMOVE)\\b").matcher(expression);
    List<int[]> starts = new ArrayList<>();
    while (clause.find()) {
      starts.add(new int[] {clause.start(), clause.end()});
    }
    if (starts.isEmpty()) {
      throw validation("Invalid UpdateExpression: Syntax error; token: \"" + expression + "\"");
    }
    for (int i = 0; i < starts.size(); i++) {
      String keyword = expression.substring(starts.get(i)[0], starts.get(i)[1]).toUpperCase(java.util.Locale.ROOT);
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : expression.length();
      for (String action : expression.substring(starts.get(i)[1], end).split(",")) {
        if (keyword.equals("SET")) {
          Matcher m = SET_ACTION.matcher(action);
          if (!m.matches()) {
            throw validation("Invalid UpdateExpression: Syntax error; token: \"" + action.strip() + "\"");
          }
          String name = name(m.group(1), request);
          JsonNode value = operand(m.group(2), request, item);
          item.set(name, value);
          updated.put(name, value);
        } else {
          String name = name(action.strip(), request);
          item.remove(name);
          removed.add(name);
        }
      }
    }
  }

  private static JsonNode operand(String token, JsonNode request, ObjectNode item) {
    if (token.startsWith(":")) {
      JsonNode v = request.path("ExpressionAttributeValues").get(token);
      if (v == null) {
        throw validation("Invalid UpdateExpression: An expression attribute value used in expression is not defined;"
            + " attribute value: " + token);
      }
      return v;
    }
    JsonNode v = item.get(name(token, request));
    if (v == null) {
      throw validation("The provided expression refers to an attribute that does not exist in the item");
    }
    return v;
  }

  private static String name(String token, JsonNode request) {
    if (!token.startsWith("#")) {
      return token;
    }
    JsonNode n = request.path("ExpressionAttributeNames").get(token);
    if (n == null) {
      throw validation("Invalid UpdateExpression: An expression attribute name used in the document path is not defined;"
          + " attribute name: " + token);
    }
    return n.asText();
  }

  /** Checks the table name and the required member ({@code item} or {@code key}), then finds the table. */
  private Table table(JsonNode request, String required) {
    ServiceConstraints.dynamoDb(request, required);
    JsonNode name = request.get("TableName");
    Table table = tables.get(name.asText());
    if (table == null) {
      throw ServiceException.service("ResourceNotFoundException", "ResourceNotFoundException", 400,
          "Requested resource not found");
    }
    return table;
  }

  private static String keyOf(Table table, JsonNode value, boolean isItem) {
    if (!value.isObject()) {
      throw validation("Start of structure or map found where not expected");
    }
    JsonNode key = value.get(table.partitionKey());
    if (key == null) {
      throw validation(isItem
          ? "One or more parameter values were invalid: Missing the key " + table.partitionKey() + " in the item"
          : "The provided key element does not match the schema");
    }
    if (!isItem && value.size() != 1) {
      throw validation("The provided key element does not match the schema");
    }
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String attribute = it.next();
      JsonNode v = value.get(attribute);
      if (!v.isObject() || v.size() != 1) {
        throw validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
      }
    }
    return Json.write(key);
  }

  private static ServiceException validation(String message) {
    return ServiceException.service("ValidationException", null, 400, message);
  }
}
