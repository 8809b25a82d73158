package dev.nestflow.bench.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the workers asked of DynamoDB and SQS, counted from the requests and responses on the wire
 * (see {@link CountingProxy}). DynamoDB items are told apart by the kind of their sort key (the part
 * before '#': {@code SIG} for an execution's log entries, {@code HEAD}, {@code START}, {@code TOKEN},
 * ...), so "log" numbers are those of {@code SIG} items whatever else the store writes.
 */
final class Traffic {
  /** The sort-key kind of an execution's log entries (DynamoDbExecutionStore's {@code SIG#<seq>}). */
  static final String LOG = "SIG";

  private final Map<String, LongAdder> dynamoOps = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refusedByOp = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writtenItems = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writtenBytes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refusedItems = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> readItems = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> readBytes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> logLength = new ConcurrentHashMap<>();
  private final LongAdder updateBytes = new LongAdder();
  private final AtomicLong largestItem = new AtomicLong();
  private final Map<String, LongAdder> sqsOps = new ConcurrentHashMap<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();

  /** One DynamoDB request and its answer (status, body), by operation (the X-Amz-Target's part after the dot). */
  void dynamo(String op, JsonNode request, int status, JsonNode response) {
    add(dynamoOps, op, 1);
    if (status >= 400) {
      String type = response == null ? "?" : response.path("__type").asText("?");
      type = type.substring(type.indexOf('#') + 1);
      if (type.equals("ConditionalCheckFailedException")) {
        add(refusedByOp, op, 1);
        if (op.equals("PutItem")) {
          add(refusedItems, kind(request.path("Item")), 1);
        }
      } else {
        add(errorsByType, type, 1);
      }
      return;
    }
    switch (op) {
      case "PutItem" -> {
        JsonNode item = request.path("Item");
        long size = ItemSize.of(item);
        String kind = kind(item);
        add(writtenItems, kind, 1);
        add(writtenBytes, kind, size);
        largestItem.accumulateAndGet(size, Math::max);
        if (kind.equals(LOG)) {
          add(logLength, item.path("pk").path("S").asText(), 1);
        }
      }
      case "UpdateItem" -> updateBytes.add(ItemSize.of(request.path("ExpressionAttributeValues")));
      case "GetItem" -> read(response.get("Item"));
      case "Query", "Scan" -> response.path("Items").forEach(this::read);
      case "BatchGetItem" -> response.path("Responses").forEach(table -> table.forEach(this::read));
      default -> { }
    }
  }

  /** One SQS request, by action; {@code messages} received (ReceiveMessage) or sent (SendMessage, SendMessageBatch). */
  void sqs(String action, int messages) {
    add(sqsOps, action.equals("ReceiveMessage") && messages == 0 ? "ReceiveMessage(empty)" : action, 1);
    if (action.equals("ReceiveMessage")) {
      received.add(messages);
    } else if (action.startsWith("SendMessage")) {
      sent.add(messages);
    }
  }

  private void read(JsonNode item) {
    if (item == null || item.isNull()) {
      return;
    }
    String kind = kind(item);
    add(readItems, kind, 1);
    add(readBytes, kind, ItemSize.of(item));
  }

  /** The kind of an item: its sort key up to the first '#'. */
  static String kind(JsonNode item) {
    String sk = item.path("sk").path("S").asText("");
    int hash = sk.indexOf('#');
    return sk.isEmpty() ? "?" : hash < 0 ? sk : sk.substring(0, hash);
  }

  private static void add(Map<String, LongAdder> counts, String key, long n) {
    counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
  }

  void reset() {
    for (Map<String, LongAdder> m : java.util.List.of(dynamoOps, refusedByOp, errorsByType, writtenItems, writtenBytes,
        refusedItems, readItems, readBytes, logLength, sqsOps)) {
      m.clear();
    }
    updateBytes.reset();
    largestItem.set(0);
    sent.reset();
    received.reset();
  }

  /** The counts so far as the JSON fields "dynamodb", "sqs" and "summary" of a scenario's line. */
  ObjectNode snapshot() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode ddb = out.putObject("dynamodb");
    ddb.put("requests", total(dynamoOps));
    ddb.set("by_op", sorted(dynamoOps));
    ddb.put("refused_conditional_writes", total(refusedByOp));
    ddb.set("refused_by_op", sorted(refusedByOp));
    ddb.set("other_errors", sorted(errorsByType));
    ddb.put("items_read", total(readItems));
    ddb.put("bytes_read", total(readBytes));
    ddb.put("items_written", total(writtenItems));
    ddb.put("bytes_written", total(writtenBytes) + updateBytes.sum());
    ddb.put("largest_item", largestItem.get());
    ddb.put("log_entries_written", get(writtenItems, LOG));
    ddb.put("refused_appends", get(refusedItems, LOG));
    ddb.put("log_items_read", get(readItems, LOG));
    ddb.put("log_bytes_read", get(readBytes, LOG));
    ddb.put("log_bytes_written", get(writtenBytes, LOG));
    ddb.put("executions_with_log", logLength.size());
    ddb.put("longest_log", logLength.values().stream().mapToLong(LongAdder::sum).max().orElse(0));
    ddb.set("written_by_kind", sorted(writtenItems));
    ddb.set("written_bytes_by_kind", sorted(writtenBytes));
    ddb.set("read_by_kind", sorted(readItems));
    ddb.set("read_bytes_by_kind", sorted(readBytes));
    ObjectNode sqs = out.putObject("sqs");
    sqs.put("requests", total(sqsOps) - get(sqsOps, "ReceiveMessage(empty)"));
    sqs.set("by_op", sorted(sqsOps));
    sqs.put("messages_sent", sent.sum());
    sqs.put("messages_received", received.sum());
    ObjectNode summary = out.putObject("summary");
    long entries = get(writtenItems, LOG);
    summary.put("refused_appends_pct_of_log_entries", round(100.0 * get(refusedItems, LOG) / Math.max(1, entries)));
    summary.put("log_bytes_read_over_written", round((double) get(readBytes, LOG) / Math.max(1, get(writtenBytes, LOG))));
    return out;
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }

  private static long total(Map<String, LongAdder> counts) {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static long get(Map<String, LongAdder> counts, String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  private static ObjectNode sorted(Map<String, LongAdder> counts) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    new TreeMap<>(counts).forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
