package dev.nestflow.infrastructure.store;

import static dev.nestflow.infrastructure.store.DynamoDbItems.keyed;
import static dev.nestflow.infrastructure.store.DynamoDbItems.number;
import static dev.nestflow.infrastructure.store.DynamoDbItems.numberOf;
import static dev.nestflow.infrastructure.store.DynamoDbItems.putText;
import static dev.nestflow.infrastructure.store.DynamoDbItems.text;
import static dev.nestflow.infrastructure.store.DynamoDbItems.textOf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The {@link MapRunStore} on the execution table ({@link DynamoDbExecutionStore}'s keys {@code pk},
 * {@code sk} and index {@code gsi1}):
 *
 * <ul>
 *   <li>{@code MAPRUN#<arn>} / {@code HEAD}: the run's head, with {@code gsi1pk} = {@code
 *       MAPRUNS#<execution ARN>} and {@code gsi1sk} = zero-padded start millis + {@code #} + run ARN
 *       (ListMapRuns), the {@code tick} flag while a tick is asked for, and what ticks learned
 *       ({@link MapRunRecord.Progress}: {@code completeChunks}, {@code failedInComplete}, {@code
 *       askEvery}, {@code askSince});
 *   <li>{@code MAPRUN#<arn>} / {@code IN#<chunk, 10 digits>}: the inputs of one chunk of children
 *       (a JSON array text), put once;
 *   <li>{@code MAPRUN#<arn>} / {@code OUT#<chunk, 10 digits>}: the outcomes of that chunk's children
 *       that have ended, one map attribute {@code c<index>} each, each set only if absent, with their
 *       count {@code n} and the count of failures among them {@code f} (what a tick reads).
 * </ul>
 */
public final class DynamoDbMapRunStore implements MapRunStore {
  private static final String HEAD = "HEAD";

  private final DynamoDbClient client;
  private final String table;

  private final Retention retention;
  private final java.time.Clock clock;

  public DynamoDbMapRunStore(DynamoDbClient client, String table) {
    this(client, table, Retention.DEFAULT, java.time.Clock.systemUTC());
  }

  /**
   * A store whose items expire by {@code retention}: each carries the TTL attribute when written, at
   * its write time plus a Standard execution's longest lifetime plus the retention (a map run never
   * outlives its parent, and nothing is rewritten when it ends).
   */
  public DynamoDbMapRunStore(DynamoDbClient client, String table, Retention retention, java.time.Clock clock) {
    this.client = client;
    this.table = table;
    this.retention = retention;
    this.clock = clock;
  }

  private AttributeValue expiry() {
    return DynamoDbExecutionStore.expiry(retention.whileRunning("STANDARD", clock.millis()));
  }

  private static String pk(String arn) {
    return "MAPRUN#" + arn;
  }

  @Override
  public boolean create(MapRunRecord r) {
    Map<String, AttributeValue> item = keyed(pk(r.mapRunArn()), HEAD);
    item.put("gsi1pk", text("MAPRUNS#" + r.executionArn()));
    item.put("gsi1sk", text(String.format("%019d#%s", r.startMillis(), r.mapRunArn())));
    putText(item, "mapRunArn", r.mapRunArn());
    putText(item, "executionArn", r.executionArn());
    putText(item, "taskKey", r.taskKey());
    putText(item, "stateName", r.stateName());
    putText(item, "childStateMachineArn", r.childStateMachineArn());
    putText(item, "executionType", r.executionType());
    putText(item, "definition", r.definition());
    putText(item, "roleArn", r.roleArn());
    item.put("total", number(r.total()));
    item.put("chunkSize", number(r.chunkSize()));
    item.put("maxConcurrency", number(r.maxConcurrency()));
    item.put("toleratedFailureCount", number(r.toleratedFailureCount()));
    item.put("toleratedFailurePercentage", AttributeValue.fromN(Double.toString(r.toleratedFailurePercentage())));
    item.put("toleranceDeclared", number(r.toleranceDeclared() ? 1 : 0));
    putText(item, "resultWriter", r.resultWriter());
    putText(item, "status", r.status());
    item.put("startMillis", number(r.startMillis()));
    if (r.stopMillis() != null) {
      item.put("stopMillis", number(r.stopMillis()));
    }
    item.put("cursor", number(r.cursor()));
    putText(item, "error", r.error());
    putText(item, "cause", r.cause());
    item.putAll(progress(r.progress()));
    item.put(DynamoDbExecutionStore.EXPIRES_AT, expiry());
    DynamoDbItemSize.check("map run " + r.mapRunArn(), item);
    return DynamoDbItems.putIfAbsent(client, table, item);
  }

  @Override
  public Optional<MapRunRecord> mapRun(String mapRunArn) {
    var response = client.getItem(b -> b.tableName(table).consistentRead(true).key(keyed(pk(mapRunArn), HEAD)));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(record(response.item())) : Optional.empty();
  }

  @Override
  public List<MapRunRecord> mapRuns(String executionArn) {
    List<MapRunRecord> out = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .indexName(DynamoDbExecutionStore.INDEX)
            .scanIndexForward(false)
            .keyConditionExpression("gsi1pk = :e")
            .expressionAttributeValues(Map.of(":e", text("MAPRUNS#" + executionArn)))
            .build())
        .items()
        .forEach(i -> out.add(record(i)));
    return List.copyOf(out);
  }

  @Override
  public boolean claim(String mapRunArn, int from, int to, MapRunRecord.Progress progress) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", number(to), ":from", number(from), ":running", text("RUNNING")));
    String set = "SET #cursor = :to";
    if (progress != null) {
      progress(progress).forEach((name, value) -> values.put(":" + name, value));
      set += PROGRESS_SET;
    }
    return conditionalUpdate(mapRunArn, set, "#status = :running AND #cursor = :from",
        Map.of("#cursor", "cursor", "#status", "status"), values);
  }

  private static final String PROGRESS_SET = ", completeChunks = :completeChunks, failedInComplete = :failedInComplete,"
      + " askEvery = :askEvery, askSince = :askSince";

  @Override
  public boolean advance(String mapRunArn, MapRunRecord.Progress seen, MapRunRecord.Progress next) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":running", text("RUNNING"), ":seen", number(seen.completeChunks())));
    progress(next).forEach((name, value) -> values.put(":" + name, value));
    String seenCondition = seen.completeChunks() == 0
        ? "(attribute_not_exists(completeChunks) OR completeChunks = :seen)" : "completeChunks = :seen";
    return conditionalUpdate(mapRunArn, "SET" + PROGRESS_SET.substring(1), "#status = :running AND " + seenCondition,
        Map.of("#status", "status"), values);
  }

  private static Map<String, AttributeValue> progress(MapRunRecord.Progress p) {
    return Map.of("completeChunks", number(p.completeChunks()), "failedInComplete", number(p.failedInComplete()),
        "askEvery", number(p.askEvery()), "askSince", number(p.askSince()));
  }

  @Override
  public boolean updateLimits(String mapRunArn, int maxConcurrency, long count, double percentage) {
    return conditionalUpdate(mapRunArn, "SET maxConcurrency = :m, toleratedFailureCount = :c, toleratedFailurePercentage = :p",
        "#status = :running", Map.of("#status", "status"),
        Map.of(":m", number(maxConcurrency), ":c", number(count), ":p", AttributeValue.fromN(Double.toString(percentage)),
            ":running", text("RUNNING")));
  }

  @Override
  public boolean end(String mapRunArn, String status, long stopMillis, String error, String cause) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":s", text(status));
    values.put(":t", number(stopMillis));
    values.put(":running", text("RUNNING"));
    StringBuilder set = new StringBuilder("SET #status = :s, stopMillis = :t");
    if (error != null) {
      set.append(", #error = :e");
      values.put(":e", text(error));
    }
    if (cause != null) {
      set.append(", #cause = :c");
      values.put(":c", text(cause));
    }
    return conditionalUpdate(mapRunArn, set.toString(), "#status = :running",
        Map.of("#status", "status", "#error", "error", "#cause", "cause"), values);
  }

  private boolean conditionalUpdate(String mapRunArn, String update, String condition, Map<String, String> names,
      Map<String, AttributeValue> values) {
    Map<String, String> used = new HashMap<>();
    names.forEach((k, v) -> {
      if (update.contains(k) || condition.contains(k)) {
        used.put(k, v);
      }
    });
    try {
      client.updateItem(b -> b.tableName(table).key(keyed(pk(mapRunArn), HEAD)).updateExpression(update)
          .conditionExpression(condition).expressionAttributeNames(used.isEmpty() ? null : used)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException no) {
      return false;
    }
  }

  @Override
  public void putInputs(String mapRunArn, int chunk, String inputsJson) {
    Map<String, AttributeValue> item = keyed(pk(mapRunArn), String.format("IN#%010d", chunk));
    item.put("inputs", text(inputsJson));
    item.put(DynamoDbExecutionStore.EXPIRES_AT, expiry());
    DynamoDbItemSize.check("inputs " + chunk + " of map run " + mapRunArn, item);
    DynamoDbItems.putIfAbsent(client, table, item); // false: put before (inputs never change)
  }

  @Override
  public Optional<String> inputs(String mapRunArn, int chunk) {
    var response = client.getItem(b -> b.tableName(table).consistentRead(true)
        .key(keyed(pk(mapRunArn), String.format("IN#%010d", chunk))));
    return response.hasItem() && response.item().containsKey("inputs")
        ? Optional.of(response.item().get("inputs").s()) : Optional.empty();
  }

  /**
   * One UpdateItem for all of the chunk's new outcomes, each set only if absent; when one of them
   * was recorded before (a redelivery), each is tried on its own.
   */
  @Override
  public int record(String mapRunArn, int chunk, Map<Integer, ChildOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return -1;
    }
    Map<Integer, Map<String, AttributeValue>> inChunk = new HashMap<>();
    outcomes.forEach((index, outcome) -> inChunk.put(index, spill(mapRunArn, chunk, index, outcome)));
    int count = recordTogether(mapRunArn, chunk, inChunk, failures(outcomes.values()));
    if (count < 0 && inChunk.size() > 1) {
      inChunk.forEach((index, outcome) ->
          recordTogether(mapRunArn, chunk, Map.of(index, outcome), failures(List.of(outcomes.get(index)))));
    }
    return count;
  }

  /**
   * An outcome whose output and cause are more than {@link #INLINE_BYTES} goes to an item of its
   * own ({@code OUT#<chunk>#<index>}), put before the chunk names it; the chunk keeps a stub without
   * them. So a chunk of {@link MapRunRecord#chunkSize()} outcomes stays near 100 KB however large the
   * children's outputs.
   */
  private Map<String, AttributeValue> spill(String mapRunArn, int chunk, int index, ChildOutcome o) {
    long size = (o.outputText() == null ? 0 : o.outputText().length()) + (o.cause() == null ? 0 : o.cause().length());
    if (size <= INLINE_BYTES) {
      return outcome(o);
    }
    Map<String, AttributeValue> item = keyed(pk(mapRunArn), String.format("OUT#%010d#%010d", chunk, index));
    item.put("spilled", number(index));
    item.putAll(outcome(o));
    item.put(DynamoDbExecutionStore.EXPIRES_AT, expiry());
    DynamoDbItemSize.check("outcome " + index + " of map run " + mapRunArn, item);
    client.putItem(b -> b.tableName(table).item(item));
    Map<String, AttributeValue> stub = outcome(new ChildOutcome(o.status(), null, o.error(), null, o.startMillis(), o.stopMillis()));
    stub.put("x", number(1));
    return stub;
  }

  /** The most characters of output and cause an outcome keeps in its chunk item. */
  static final int INLINE_BYTES = 800;

  private static int failures(java.util.Collection<ChildOutcome> outcomes) {
    return (int) outcomes.stream().filter(o -> !o.succeeded()).count();
  }

  /** One conditional UpdateItem; the chunk's count after it, or -1 when one of the outcomes was there. */
  private int recordTogether(String mapRunArn, int chunk, Map<Integer, Map<String, AttributeValue>> outcomes, int failed) {
    StringBuilder set = new StringBuilder("SET ");
    StringBuilder condition = new StringBuilder();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    int k = 0;
    for (Map.Entry<Integer, Map<String, AttributeValue>> e : outcomes.entrySet()) {
      String name = "#c" + k;
      String value = ":c" + k;
      names.put(name, "c" + e.getKey());
      values.put(value, AttributeValue.fromM(e.getValue()));
      set.append(k == 0 ? "" : ", ").append(name).append(" = ").append(value);
      condition.append(k == 0 ? "" : " AND ").append("attribute_not_exists(").append(name).append(')');
      k++;
    }
    names.put("#count", "n");
    values.put(":added", number(outcomes.size()));
    names.put("#failed", "f");
    values.put(":failed", number(failed));
    names.put("#exp", DynamoDbExecutionStore.EXPIRES_AT);
    values.put(":exp", expiry());
    set.append(", #exp = if_not_exists(#exp, :exp)");
    try {
      var response = client.updateItem(b -> b.tableName(table).key(keyed(pk(mapRunArn), String.format("OUT#%010d", chunk)))
          .updateExpression(set + " ADD #count :added, #failed :failed").conditionExpression(condition.toString())
          .expressionAttributeNames(names).expressionAttributeValues(values)
          .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW));
      AttributeValue count = response.attributes().get("n");
      return count == null ? -1 : Integer.parseInt(count.n());
    } catch (ConditionalCheckFailedException recordedBefore) {
      return -1;
    }
  }

  @Override
  public boolean reopen(String mapRunArn, String taskKey, long atMillis) {
    return conditionalUpdate(mapRunArn,
        "SET #status = :running, taskKey = :k, redriveCount = if_not_exists(redriveCount, :zero) + :one, redriveMillis = :at,"
            + " completeChunks = :zero, failedInComplete = :zero"
            + " REMOVE stopMillis, #error, #cause",
        "attribute_exists(pk) AND #status <> :running", Map.of("#status", "status", "#error", "error", "#cause", "cause"),
        Map.of(":running", text("RUNNING"), ":k", text(taskKey), ":zero", number(0), ":one", number(1), ":at", number(atMillis)));
  }

  /**
   * One UpdateItem on the chunk: its outcomes of these children removed and its counts lowered, if
   * they are all there (else one of them was forgotten before, by this same call).
   */
  @Override
  public void forget(String mapRunArn, int chunk, java.util.Set<Integer> indexes) {
    if (indexes.isEmpty()) {
      return;
    }
    StringBuilder remove = new StringBuilder(" REMOVE ");
    StringBuilder condition = new StringBuilder();
    Map<String, String> names = new HashMap<>();
    int k = 0;
    for (int index : indexes) {
      names.put("#c" + k, "c" + index);
      remove.append(k == 0 ? "" : ", ").append("#c").append(k);
      condition.append(k == 0 ? "" : " AND ").append("attribute_exists(#c").append(k).append(')');
      k++;
    }
    names.put("#count", "n");
    names.put("#failed", "f");
    try {
      client.updateItem(b -> b.tableName(table).key(keyed(pk(mapRunArn), String.format("OUT#%010d", chunk)))
          .updateExpression("ADD #count :minus, #failed :minus" + remove).conditionExpression(condition.toString())
          .expressionAttributeNames(names).expressionAttributeValues(Map.of(":minus", number(-indexes.size()))));
    } catch (ConditionalCheckFailedException forgottenBefore) {
      // a redelivery of the redrive that forgot them
    }
  }

  @Override
  public Map<Integer, ChildOutcome> outcomes(String mapRunArn) {
    Map<Integer, ChildOutcome> out = new TreeMap<>();
    java.util.Set<Integer> spilled = new java.util.HashSet<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :out)")
            .expressionAttributeValues(Map.of(":pk", text(pk(mapRunArn)), ":out", text("OUT#")))
            .build())
        .items()
        .forEach(item -> {
          if (item.containsKey("spilled")) {
            return;
          }
          item.forEach((name, v) -> {
            if (name.startsWith("c") && v.hasM()) {
              out.put(Integer.parseInt(name.substring(1)), outcome(v.m()));
              if (v.m().containsKey("x")) {
                spilled.add(Integer.parseInt(name.substring(1)));
              }
            }
          });
        });
    if (spilled.isEmpty()) {
      return out;
    }
    // spilled outcomes are read after the chunks: a stub in its chunk says the spill item is complete
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :out)")
            .filterExpression("attribute_exists(spilled)")
            .expressionAttributeValues(Map.of(":pk", text(pk(mapRunArn)), ":out", text("OUT#")))
            .build())
        .items()
        .forEach(item -> {
          int index = (int) numberOf(item, "spilled");
          if (spilled.contains(index)) {
            out.put(index, outcome(item));
          }
        });
    return out;
  }

  /**
   * One Query of the chunk items in the range, projected to their counts (a tick reads a few hundred
   * bytes however large the outcomes); the spill items between them are skipped.
   */
  @Override
  public Map<Integer, ChunkCount> counts(String mapRunArn, int fromChunk, int toChunk) {
    Map<Integer, ChunkCount> out = new TreeMap<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi")
            .projectionExpression("sk, #count, #failed, spilled")
            .expressionAttributeNames(Map.of("#count", "n", "#failed", "f"))
            .expressionAttributeValues(Map.of(":pk", text(pk(mapRunArn)), ":lo", text(String.format("OUT#%010d", fromChunk)),
                ":hi", text(String.format("OUT#%010d", toChunk))))
            .build())
        .items()
        .forEach(item -> {
          if (!item.containsKey("spilled") && item.containsKey("n")) {
            // a chunk written before failures were counted: all may be failures (the tick then reads them)
            int ended = (int) numberOf(item, "n");
            out.put(Integer.parseInt(item.get("sk").s().substring(4)),
                new ChunkCount(ended, item.containsKey("f") ? (int) numberOf(item, "f") : ended));
          }
        });
    return out;
  }

  @Override
  public boolean requestTick(String mapRunArn) {
    return conditionalUpdate(mapRunArn, "SET tick = :t", "attribute_exists(pk) AND attribute_not_exists(tick)",
        Map.of(), Map.of(":t", AttributeValue.fromBool(true)));
  }

  /** One UpdateItem that returns the head as it is after it (a consistent read). */
  @Override
  public Optional<MapRunRecord> startTick(String mapRunArn) {
    try {
      var response = client.updateItem(b -> b.tableName(table).key(keyed(pk(mapRunArn), HEAD)).updateExpression("REMOVE tick")
          .conditionExpression("attribute_exists(pk)")
          .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW));
      return Optional.of(record(response.attributes()));
    } catch (ConditionalCheckFailedException noRun) {
      return Optional.empty();
    }
  }

  private static Map<String, AttributeValue> outcome(ChildOutcome o) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put("s", text(o.status()));
    putText(m, "o", o.outputText());
    putText(m, "e", o.error());
    putText(m, "c", o.cause());
    m.put("b", number(o.startMillis()));
    m.put("f", number(o.stopMillis()));
    return m;
  }

  private static ChildOutcome outcome(Map<String, AttributeValue> m) {
    return new ChildOutcome(textOf(m, "s"), textOf(m, "o"), textOf(m, "e"), textOf(m, "c"), Long.parseLong(m.get("b").n()),
        Long.parseLong(m.get("f").n()));
  }

  private static MapRunRecord record(Map<String, AttributeValue> i) {
    return new MapRunRecord(textOf(i, "mapRunArn"), textOf(i, "executionArn"), textOf(i, "taskKey"), textOf(i, "stateName"),
        textOf(i, "childStateMachineArn"), textOf(i, "executionType"), textOf(i, "definition"), textOf(i, "roleArn"),
        (int) numberOf(i, "total"), (int) numberOf(i, "chunkSize"), (int) numberOf(i, "maxConcurrency"), numberOf(i, "toleratedFailureCount"),
        Double.parseDouble(i.get("toleratedFailurePercentage").n()), numberOf(i, "toleranceDeclared") == 1,
        textOf(i, "resultWriter"), textOf(i, "status"), numberOf(i, "startMillis"),
        i.containsKey("stopMillis") ? numberOf(i, "stopMillis") : null, (int) numberOf(i, "cursor"), textOf(i, "error"), textOf(i, "cause"),
        i.containsKey("redriveCount") ? (int) numberOf(i, "redriveCount") : 0,
        i.containsKey("redriveMillis") ? numberOf(i, "redriveMillis") : null,
        new MapRunRecord.Progress(i.containsKey("completeChunks") ? (int) numberOf(i, "completeChunks") : 0,
            i.containsKey("failedInComplete") ? numberOf(i, "failedInComplete") : 0,
            i.containsKey("askEvery") ? (int) numberOf(i, "askEvery") : 0, i.containsKey("askSince") ? (int) numberOf(i, "askSince") : 0));
  }
}
