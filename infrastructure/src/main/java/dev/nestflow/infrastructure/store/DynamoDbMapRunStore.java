package dev.nestflow.infrastructure.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    Map<String, AttributeValue> item = key(pk(r.mapRunArn()), HEAD);
    item.put("gsi1pk", s("MAPRUNS#" + r.executionArn()));
    item.put("gsi1sk", s(String.format("%019d#%s", r.startMillis(), r.mapRunArn())));
    put(item, "mapRunArn", r.mapRunArn());
    put(item, "executionArn", r.executionArn());
    put(item, "taskKey", r.taskKey());
    put(item, "stateName", r.stateName());
    put(item, "childStateMachineArn", r.childStateMachineArn());
    put(item, "executionType", r.executionType());
    put(item, "definition", r.definition());
    put(item, "roleArn", r.roleArn());
    item.put("total", n(r.total()));
    item.put("chunkSize", n(r.chunkSize()));
    item.put("maxConcurrency", n(r.maxConcurrency()));
    item.put("toleratedFailureCount", n(r.toleratedFailureCount()));
    item.put("toleratedFailurePercentage", AttributeValue.fromN(Double.toString(r.toleratedFailurePercentage())));
    item.put("toleranceDeclared", n(r.toleranceDeclared() ? 1 : 0));
    put(item, "resultWriter", r.resultWriter());
    put(item, "status", r.status());
    item.put("startMillis", n(r.startMillis()));
    if (r.stopMillis() != null) {
      item.put("stopMillis", n(r.stopMillis()));
    }
    item.put("cursor", n(r.cursor()));
    put(item, "error", r.error());
    put(item, "cause", r.cause());
    item.putAll(progress(r.progress()));
    item.put(DynamoDbExecutionStore.EXPIRES_AT, expiry());
    DynamoDbItemSize.check("map run " + r.mapRunArn(), item);
    try {
      client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public Optional<MapRunRecord> mapRun(String mapRunArn) {
    var response = client.getItem(b -> b.tableName(table).consistentRead(true).key(key(pk(mapRunArn), HEAD)));
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
            .expressionAttributeValues(Map.of(":e", s("MAPRUNS#" + executionArn)))
            .build())
        .items()
        .forEach(i -> out.add(record(i)));
    return List.copyOf(out);
  }

  @Override
  public boolean claim(String mapRunArn, int from, int to, MapRunRecord.Progress progress) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", n(to), ":from", n(from), ":running", s("RUNNING")));
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
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":running", s("RUNNING"), ":seen", n(seen.completeChunks())));
    progress(next).forEach((name, value) -> values.put(":" + name, value));
    String seenCondition = seen.completeChunks() == 0
        ? "(attribute_not_exists(completeChunks) OR completeChunks = :seen)" : "completeChunks = :seen";
    return conditionalUpdate(mapRunArn, "SET" + PROGRESS_SET.substring(1), "#status = :running AND " + seenCondition,
        Map.of("#status", "status"), values);
  }

  private static Map<String, AttributeValue> progress(MapRunRecord.Progress p) {
    return Map.of("completeChunks", n(p.completeChunks()), "failedInComplete", n(p.failedInComplete()),
        "askEvery", n(p.askEvery()), "askSince", n(p.askSince()));
  }

  @Override
  public boolean updateLimits(String mapRunArn, int maxConcurrency, long count, double percentage) {
    return conditionalUpdate(mapRunArn, "SET maxConcurrency = :m, toleratedFailureCount = :c, toleratedFailurePercentage = :p",
        "#status = :running", Map.of("#status", "status"),
        Map.of(":m", n(maxConcurrency), ":c", n(count), ":p", AttributeValue.fromN(Double.toString(percentage)),
            ":running", s("RUNNING")));
  }

  @Override
  public boolean end(String mapRunArn, String status, long stopMillis, String error, String cause) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":s", s(status));
    values.put(":t", n(stopMillis));
    values.put(":running", s("RUNNING"));
    StringBuilder set = new StringBuilder("SET #status = :s, stopMillis = :t");
    if (error != null) {
      set.append(", #error = :e");
      values.put(":e", s(error));
    }
    if (cause != null) {
      set.append(", #cause = :c");
      values.put(":c", s(cause));
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
      client.updateItem(b -> b.tableName(table).key(key(pk(mapRunArn), HEAD)).updateExpression(update)
          .conditionExpression(condition).expressionAttributeNames(used.isEmpty() ? null : used)
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException no) {
      return false;
    }
  }

  @Override
  public void putInputs(String mapRunArn, int chunk, String inputsJson) {
    Map<String, AttributeValue> item = key(pk(mapRunArn), String.format("IN#%010d", chunk));
    item.put("inputs", s(inputsJson));
    item.put(DynamoDbExecutionStore.EXPIRES_AT, expiry());
    DynamoDbItemSize.check("inputs " + chunk + " of map run " + mapRunArn, item);
    try {
      client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException exists) {
      // put before: inputs never change
    }
  }

  @Override
  public Optional<String> inputs(String mapRunArn, int chunk) {
    var response = client.getItem(b -> b.tableName(table).consistentRead(true)
        .key(key(pk(mapRunArn), String.format("IN#%010d", chunk))));
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
    Map<String, AttributeValue> item = key(pk(mapRunArn), String.format("OUT#%010d#%010d", chunk, index));
    item.put("spilled", n(index));
    item.putAll(outcome(o));
    item.put(DynamoDbExecutionStore.EXPIRES_AT, expiry());
    DynamoDbItemSize.check("outcome " + index + " of map run " + mapRunArn, item);
    client.putItem(b -> b.tableName(table).item(item));
    Map<String, AttributeValue> stub = outcome(new ChildOutcome(o.status(), null, o.error(), null, o.startMillis(), o.stopMillis()));
    stub.put("x", n(1));
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
    values.put(":added", n(outcomes.size()));
    names.put("#failed", "f");
    values.put(":failed", n(failed));
    names.put("#exp", DynamoDbExecutionStore.EXPIRES_AT);
    values.put(":exp", expiry());
    set.append(", #exp = if_not_exists(#exp, :exp)");
    try {
      var response = client.updateItem(b -> b.tableName(table).key(key(pk(mapRunArn), String.format("OUT#%010d", chunk)))
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
        Map.of(":running", s("RUNNING"), ":k", s(taskKey), ":zero", n(0), ":one", n(1), ":at", n(atMillis)));
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
      client.updateItem(b -> b.tableName(table).key(key(pk(mapRunArn), String.format("OUT#%010d", chunk)))
          .updateExpression("ADD #count :minus, #failed :minus" + remove).conditionExpression(condition.toString())
          .expressionAttributeNames(names).expressionAttributeValues(Map.of(":minus", n(-indexes.size()))));
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
            .expressionAttributeValues(Map.of(":pk", s(pk(mapRunArn)), ":out", s("OUT#")))
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
            .expressionAttributeValues(Map.of(":pk", s(pk(mapRunArn)), ":out", s("OUT#")))
            .build())
        .items()
        .forEach(item -> {
          int index = (int) num(item, "spilled");
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
            .expressionAttributeValues(Map.of(":pk", s(pk(mapRunArn)), ":lo", s(String.format("OUT#%010d", fromChunk)),
                ":hi", s(String.format("OUT#%010d", toChunk))))
            .build())
        .items()
        .forEach(item -> {
          if (!item.containsKey("spilled") && item.containsKey("n")) {
            // a chunk written before failures were counted: all may be failures (the tick then reads them)
            int ended = (int) num(item, "n");
            out.put(Integer.parseInt(item.get("sk").s().substring(4)),
                new ChunkCount(ended, item.containsKey("f") ? (int) num(item, "f") : ended));
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
      var response = client.updateItem(b -> b.tableName(table).key(key(pk(mapRunArn), HEAD)).updateExpression("REMOVE tick")
          .conditionExpression("attribute_exists(pk)")
          .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW));
      return Optional.of(record(response.attributes()));
    } catch (ConditionalCheckFailedException noRun) {
      return Optional.empty();
    }
  }

  private static Map<String, AttributeValue> outcome(ChildOutcome o) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put("s", s(o.status()));
    put(m, "o", o.outputText());
    put(m, "e", o.error());
    put(m, "c", o.cause());
    m.put("b", n(o.startMillis()));
    m.put("f", n(o.stopMillis()));
    return m;
  }

  private static ChildOutcome outcome(Map<String, AttributeValue> m) {
    return new ChildOutcome(str(m, "s"), str(m, "o"), str(m, "e"), str(m, "c"), Long.parseLong(m.get("b").n()),
        Long.parseLong(m.get("f").n()));
  }

  private static MapRunRecord record(Map<String, AttributeValue> i) {
    return new MapRunRecord(str(i, "mapRunArn"), str(i, "executionArn"), str(i, "taskKey"), str(i, "stateName"),
        str(i, "childStateMachineArn"), str(i, "executionType"), str(i, "definition"), str(i, "roleArn"),
        (int) num(i, "total"), (int) num(i, "chunkSize"), (int) num(i, "maxConcurrency"), num(i, "toleratedFailureCount"),
        Double.parseDouble(i.get("toleratedFailurePercentage").n()), num(i, "toleranceDeclared") == 1,
        str(i, "resultWriter"), str(i, "status"), num(i, "startMillis"),
        i.containsKey("stopMillis") ? num(i, "stopMillis") : null, (int) num(i, "cursor"), str(i, "error"), str(i, "cause"),
        i.containsKey("redriveCount") ? (int) num(i, "redriveCount") : 0,
        i.containsKey("redriveMillis") ? num(i, "redriveMillis") : null,
        new MapRunRecord.Progress(i.containsKey("completeChunks") ? (int) num(i, "completeChunks") : 0,
            i.containsKey("failedInComplete") ? num(i, "failedInComplete") : 0,
            i.containsKey("askEvery") ? (int) num(i, "askEvery") : 0, i.containsKey("askSince") ? (int) num(i, "askSince") : 0));
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", s(pk));
    item.put("sk", s(sk));
    return item;
  }

  private static void put(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  private static String str(Map<String, AttributeValue> i, String name) {
    AttributeValue v = i.get(name);
    return v == null ? null : v.s();
  }

  private static long num(Map<String, AttributeValue> i, String name) {
    return Long.parseLong(i.get(name).n());
  }
}
