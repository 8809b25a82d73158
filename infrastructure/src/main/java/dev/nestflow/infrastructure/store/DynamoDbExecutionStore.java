package dev.nestflow.infrastructure.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The {@link ExecutionStore} on one DynamoDB table with string keys {@code pk} and {@code sk}:
 *
 * <ul>
 *   <li>{@code SM#<arn>} / {@code SM}: a state machine;
 *   <li>{@code EXEC#<arn>} / {@code HEAD}: an execution's head without its definition and input
 *       (version, status, output, error, ...), carrying {@code gsi1pk} = state machine ARN and
 *       {@code gsi1sk} = zero-padded start millis + {@code #} + execution ARN for the index
 *       {@code gsi1} that lists executions;
 *   <li>{@code EXEC#<arn>} / {@code SIG#<seq, 19 digits>}: one signal log entry; entry 1 (the start)
 *       also carries the execution's immutable definition and input, kept apart from the head so
 *       that input and output of 256 KiB each never share one item;
 *   <li>{@code EXEC#<arn>} / {@code DLQ#<signal id>}: a note that the transition message carrying
 *       that signal went to the dead-letter queue, with the reason (see {@link DeadLetterNote});
 *   <li>{@code TOKEN#<token>} / {@code TOKEN}: a task token, with the digest of its first answer;
 *   <li>{@code ACTIVITY#<arn>} / {@code ACTIVITY}: an activity;
 *   <li>{@code ACTIVITY#<arn>} / {@code TASK#<scheduled millis, 19 digits>#<token>}: a task queued
 *       for the activity's workers, deleted (conditionally) by the worker that claims it.
 * </ul>
 *
 * No write is a transaction. Creating an execution puts log entry 1 (the start, with definition and
 * input), then the head, each conditioned on its absence (an entry 1 without a head is an unfinished
 * create, which the same request completes). Appending is one {@code PutItem} of the log entry conditioned on its absence
 * (1 WRU for an entry up to 1 KB). Only the step that ends the execution rewrites the head, with a
 * second {@code PutItem} conditioned on the head still being RUNNING. The head's {@code version} is
 * therefore the log length at its last write (0 while running), not the current one. Reads of one execution are strongly consistent;
 * {@link #executions} reads the index and so is eventually consistent. Every item is sized before
 * it is written and refused with {@link ItemTooLargeException} above 400 KB.
 */
public final class DynamoDbExecutionStore implements ExecutionStore {
  public static final String INDEX = "gsi1";
  private static final String HEAD = "HEAD";
  private static final String SIG = "SIG#";
  private static final String DEAD_LETTER = "DLQ#";
  private static final String START = signalKey(1);

  private final DynamoDbClient client;
  private final String table;

  private final DynamoDbMapRunStore mapRuns;

  public DynamoDbExecutionStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.table = tableName;
    this.mapRuns = new DynamoDbMapRunStore(client, tableName);
  }

  @Override
  public MapRunStore mapRuns() {
    return mapRuns;
  }

  /**
   * Creates the table (on-demand capacity, with the index {@code gsi1}) unless a table of that name
   * exists, and waits until it is active.
   */
  public static void createTable(DynamoDbClient client, String tableName) {
    try {
      client.createTable(b -> b.tableName(tableName)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(stringAttribute("pk"), stringAttribute("sk"), stringAttribute("gsi1pk"),
              stringAttribute("gsi1sk"))
          .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
          .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
              .indexName(INDEX)
              .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
              .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
              .build()));
    } catch (ResourceInUseException exists) {
      // created before (by an earlier run or a concurrent caller): wait for it like for a new one
    }
    client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  // ---- state machines and tokens

  @Override
  public void putStateMachine(StateMachineRecord m) {
    Map<String, AttributeValue> item = keyed("SM#" + m.stateMachineArn(), "SM");
    putS(item, "stateMachineArn", m.stateMachineArn());
    putS(item, "name", m.name());
    putS(item, "type", m.type());
    putS(item, "definition", m.definition());
    putS(item, "roleArn", m.roleArn());
    putN(item, "createdMillis", m.createdMillis());
    DynamoDbItemSize.check("state machine " + m.stateMachineArn(), item);
    client.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public Optional<StateMachineRecord> stateMachine(String arn) {
    return get("SM#" + arn, "SM").map(i -> new StateMachineRecord(
        s(i, "stateMachineArn"), s(i, "name"), s(i, "type"), s(i, "definition"), s(i, "roleArn"),
        n(i, "createdMillis")));
  }

  @Override
  public void deleteStateMachine(String arn) {
    client.deleteItem(b -> b.tableName(table).key(keyed("SM#" + arn, "SM")));
  }

  @Override
  public boolean putToken(TokenRecord t) {
    Map<String, AttributeValue> item = keyed("TOKEN#" + t.token(), "TOKEN");
    putS(item, "token", t.token());
    putS(item, "executionArn", t.executionArn());
    putS(item, "taskKey", t.taskKey());
    putN(item, "createdMillis", t.createdMillis());
    DynamoDbItemSize.check("token", item);
    return !client.putItem(b -> b.tableName(table).item(item).returnValues(ReturnValue.ALL_OLD)).hasAttributes();
  }

  @Override
  public boolean answerToken(String token, String answer) {
    try {
      client.updateItem(b -> b.tableName(table).key(Map.of("pk", str("TOKEN#" + token), "sk", str("TOKEN")))
          .updateExpression("SET #answer = :a")
          .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#answer) OR #answer = :a)")
          .expressionAttributeNames(Map.of("#answer", "answer"))
          .expressionAttributeValues(Map.of(":a", str(answer))));
      return true;
    } catch (ConditionalCheckFailedException answered) {
      return false;
    }
  }

  @Override
  public Optional<TokenRecord> token(String token) {
    return get("TOKEN#" + token, "TOKEN").map(i -> new TokenRecord(
        s(i, "token"), s(i, "executionArn"), s(i, "taskKey"), n(i, "createdMillis")));
  }

  // ---- activities

  @Override
  public boolean putActivity(ActivityRecord a) {
    Map<String, AttributeValue> item = keyed("ACTIVITY#" + a.activityArn(), "ACTIVITY");
    putS(item, "activityArn", a.activityArn());
    putS(item, "name", a.name());
    putN(item, "createdMillis", a.createdMillis());
    return putIfAbsent(item);
  }

  @Override
  public Optional<ActivityRecord> activity(String activityArn) {
    return get("ACTIVITY#" + activityArn, "ACTIVITY").map(i -> new ActivityRecord(
        s(i, "activityArn"), s(i, "name"), n(i, "createdMillis")));
  }

  @Override
  public void deleteActivity(String activityArn) {
    client.deleteItem(b -> b.tableName(table).key(Map.of("pk", str("ACTIVITY#" + activityArn), "sk", str("ACTIVITY"))));
  }

  @Override
  public boolean putActivityTask(ActivityTaskRecord t) {
    Map<String, AttributeValue> item = keyed("ACTIVITY#" + t.activityArn(), activityTaskKey(t));
    putS(item, "activityArn", t.activityArn());
    putS(item, "token", t.token());
    putS(item, "executionArn", t.executionArn());
    putS(item, "taskKey", t.taskKey());
    putS(item, "inputText", t.inputText());
    putN(item, "scheduledMillis", t.scheduledMillis());
    DynamoDbItemSize.check("activity task of " + t.executionArn(), item);
    return putIfAbsent(item);
  }

  @Override
  public List<ActivityTaskRecord> activityTasks(String activityArn) {
    List<ActivityTaskRecord> out = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :task)")
            .expressionAttributeValues(Map.of(":pk", str("ACTIVITY#" + activityArn), ":task", str("TASK#")))
            .build())
        .items()
        .forEach(i -> out.add(new ActivityTaskRecord(s(i, "activityArn"), s(i, "token"), s(i, "executionArn"),
            s(i, "taskKey"), s(i, "inputText"), n(i, "scheduledMillis"))));
    return List.copyOf(out);
  }

  @Override
  public boolean claimActivityTask(ActivityTaskRecord t) {
    try {
      client.deleteItem(b -> b.tableName(table)
          .key(Map.of("pk", str("ACTIVITY#" + t.activityArn()), "sk", str(activityTaskKey(t))))
          .conditionExpression("attribute_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException claimed) {
      return false;
    }
  }

  private static String activityTaskKey(ActivityTaskRecord t) {
    return String.format("TASK#%019d#%s", t.scheduledMillis(), t.token());
  }

  // ---- executions

  @Override
  public boolean create(ExecutionRecord record) {
    AppendRules.checkCreate(record);
    Map<String, AttributeValue> head = headItem(record);
    Map<String, AttributeValue> start = startItem(record);
    DynamoDbItemSize.check("execution head " + record.executionArn(), head);
    DynamoDbItemSize.check("execution definition and input " + record.executionArn(), start);
    // two conditional puts, start first: an execution is visible only once its head exists. A start
    // item without a head is a create that crashed between the two; the same request finishes it.
    if (!putIfAbsent(start)) {
      if (get("EXEC#" + record.executionArn(), HEAD).isPresent()) {
        return false;
      }
      Map<String, AttributeValue> stored = get("EXEC#" + record.executionArn(), START).orElse(Map.of());
      if (!record.definition().equals(s(stored, "definition")) || !record.inputText().equals(s(stored, "inputText"))) {
        return false;
      }
    }
    return putIfAbsent(head);
  }

  @Override
  public Optional<ExecutionRecord> execution(String executionArn) {
    Map<String, Map<String, AttributeValue>> bySk = new HashMap<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :head AND :start")
            .expressionAttributeValues(Map.of(":pk", str("EXEC#" + executionArn), ":head", str(HEAD), ":start", str(START)))
            .build())
        .items()
        .forEach(i -> bySk.put(s(i, "sk"), i));
    Map<String, AttributeValue> head = bySk.get(HEAD);
    Map<String, AttributeValue> start = bySk.get(START);
    if (head == null || start == null) {
      return Optional.empty();
    }
    return Optional.of(record(head, start));
  }

  @Override
  public List<SignalEntry> signals(String executionArn) {
    return signalsAfter(executionArn, 0);
  }

  /** One Query on the key range (SIG#afterSeq, SIG#max]: a catch-up reads only the new entries. */
  @Override
  public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
    List<SignalEntry> out = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :last")
            .expressionAttributeValues(Map.of(":pk", str("EXEC#" + executionArn),
                ":from", str(signalKey(Math.max(afterSeq, 0) + 1)), ":last", str(signalKey(Long.MAX_VALUE))))
            .build())
        .items()
        .forEach(i -> out.add(new SignalEntry(n(i, "seq"), s(i, "signalId"), s(i, "signalJson"), n(i, "atMillis"))));
    return List.copyOf(out);
  }

  @Override
  public boolean append(String executionArn, SignalEntry entry) {
    AppendRules.checkAppend(executionArn, entry);
    Map<String, AttributeValue> signal = keyed("EXEC#" + executionArn, signalKey(entry.seq()));
    putN(signal, "seq", entry.seq());
    putS(signal, "signalId", entry.signalId());
    putS(signal, "signalJson", entry.signalJson());
    putN(signal, "atMillis", entry.atMillis());
    DynamoDbItemSize.check("signal " + entry.seq() + " of " + executionArn, signal);
    return putIfAbsent(signal);
  }

  @Override
  public boolean end(ExecutionRecord ended) {
    AppendRules.checkEnd(ended);
    Map<String, AttributeValue> head = headItem(ended);
    DynamoDbItemSize.check("execution head " + ended.executionArn(), head);
    try {
      client.putItem(b -> b.tableName(table).item(head).conditionExpression("#s = :running")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":running", str("RUNNING"))));
      return true;
    } catch (ConditionalCheckFailedException notRunning) {
      return false;
    }
  }

  @Override
  public boolean reopen(ExecutionRecord closed, ExecutionRecord reopened) {
    AppendRules.checkReopen(closed, reopened);
    Map<String, AttributeValue> head = headItem(reopened);
    DynamoDbItemSize.check("execution head " + reopened.executionArn(), head);
    try {
      client.putItem(b -> b.tableName(table).item(head).conditionExpression("#s = :closed AND #v = :version")
          .expressionAttributeNames(Map.of("#s", "status", "#v", "version"))
          .expressionAttributeValues(Map.of(":closed", str(closed.status()),
              ":version", AttributeValue.builder().n(Long.toString(closed.version())).build())));
      return true;
    } catch (ConditionalCheckFailedException changed) {
      return false;
    }
  }

  @Override
  public void noteDeadLetter(String executionArn, DeadLetterNote note) {
    Map<String, AttributeValue> item = keyed("EXEC#" + executionArn, DEAD_LETTER + note.signalId());
    putS(item, "signalId", note.signalId());
    putS(item, "reason", note.reason());
    putN(item, "receiveCount", note.receiveCount());
    putN(item, "atMillis", note.atMillis());
    DynamoDbItemSize.check("dead-letter note of " + executionArn, item);
    client.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public List<DeadLetterNote> deadLetters(String executionArn) {
    List<DeadLetterNote> notes = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :dlq)")
            .expressionAttributeValues(Map.of(":pk", str("EXEC#" + executionArn), ":dlq", str(DEAD_LETTER)))
            .build())
        .items()
        .forEach(i -> notes.add(new DeadLetterNote(s(i, "signalId"), s(i, "reason"), (int) n(i, "receiveCount"),
            n(i, "atMillis"))));
    notes.sort(java.util.Comparator.comparingLong(DeadLetterNote::atMillis));
    return List.copyOf(notes);
  }

  private boolean putIfAbsent(Map<String, AttributeValue> item) {
    try {
      client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public List<ExecutionRecord> executions(String stateMachineArn) {
    List<Map<String, AttributeValue>> heads = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .indexName(INDEX)
            .scanIndexForward(false)
            .keyConditionExpression("gsi1pk = :sm")
            .expressionAttributeValues(Map.of(":sm", str(stateMachineArn)))
            .build())
        .items()
        .forEach(heads::add);
    Map<String, Map<String, AttributeValue>> starts = startsOf(heads);
    List<ExecutionRecord> out = new ArrayList<>();
    for (Map<String, AttributeValue> head : heads) {
      Map<String, AttributeValue> start = starts.get(s(head, "pk"));
      if (start != null) {
        out.add(record(head, start));
      }
    }
    return List.copyOf(out);
  }

  /** The start items of these heads, by pk, read 100 keys at a time. */
  private Map<String, Map<String, AttributeValue>> startsOf(List<Map<String, AttributeValue>> heads) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < heads.size(); from += 100) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (Map<String, AttributeValue> head : heads.subList(from, Math.min(heads.size(), from + 100))) {
        keys.add(Map.of("pk", head.get("pk"), "sk", str(START)));
      }
      Map<String, KeysAndAttributes> pending =
          Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(request));
        response.responses().getOrDefault(table, List.of()).forEach(i -> found.put(s(i, "pk"), i));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return found;
  }

  // ---- items

  private static Map<String, AttributeValue> headItem(ExecutionRecord r) {
    Map<String, AttributeValue> item = keyed("EXEC#" + r.executionArn(), HEAD);
    putS(item, "gsi1pk", r.stateMachineArn());
    putS(item, "gsi1sk", String.format("%019d#%s", r.startMillis(), r.executionArn()));
    putS(item, "executionArn", r.executionArn());
    putS(item, "stateMachineArn", r.stateMachineArn());
    putS(item, "name", r.name());
    putS(item, "type", r.type());
    putS(item, "roleArn", r.roleArn());
    putN(item, "startMillis", r.startMillis());
    putN(item, "seed", r.seed());
    putN(item, "version", r.version());
    putS(item, "status", r.status());
    if (r.stopMillis() != null) {
      putN(item, "stopMillis", r.stopMillis());
    }
    putS(item, "outputText", r.outputText());
    putS(item, "error", r.error());
    putS(item, "cause", r.cause());
    putS(item, "parentArn", r.parentArn());
    putS(item, "parentTaskKey", r.parentTaskKey());
    putS(item, "parentPattern", r.parentPattern());
    if (r.redriveCount() > 0) {
      putN(item, "redriveCount", r.redriveCount());
    }
    if (r.redriveMillis() != null) {
      putN(item, "redriveMillis", r.redriveMillis());
    }
    return item;
  }

  private static Map<String, AttributeValue> startItem(ExecutionRecord r) {
    Map<String, AttributeValue> item = keyed("EXEC#" + r.executionArn(), START);
    SignalEntry start = SignalEntry.start(r.startMillis());
    putN(item, "seq", start.seq());
    putS(item, "signalId", start.signalId());
    putS(item, "signalJson", start.signalJson());
    putN(item, "atMillis", start.atMillis());
    putS(item, "definition", r.definition());
    putS(item, "inputText", r.inputText());
    return item;
  }

  private static ExecutionRecord record(Map<String, AttributeValue> head, Map<String, AttributeValue> start) {
    return new ExecutionRecord(
        s(head, "executionArn"), s(head, "stateMachineArn"), s(head, "name"), s(head, "type"),
        s(start, "definition"), s(start, "inputText"), s(head, "roleArn"), n(head, "startMillis"),
        n(head, "seed"), n(head, "version"), s(head, "status"),
        head.containsKey("stopMillis") ? n(head, "stopMillis") : null,
        s(head, "outputText"), s(head, "error"), s(head, "cause"), s(head, "parentArn"), s(head, "parentTaskKey"),
        s(head, "parentPattern"), head.containsKey("redriveCount") ? (int) n(head, "redriveCount") : 0,
        head.containsKey("redriveMillis") ? n(head, "redriveMillis") : null);
  }

  static String signalKey(long seq) {
    return SIG + String.format("%019d", seq);
  }

  private static Map<String, AttributeValue> keyed(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", str(pk));
    item.put("sk", str(sk));
    return item;
  }

  private static void putS(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, str(value));
    }
  }

  private static void putN(Map<String, AttributeValue> item, String name, long value) {
    item.put(name, AttributeValue.fromN(Long.toString(value)));
  }

  private static AttributeValue str(String value) {
    return AttributeValue.fromS(value);
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static long n(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }

  private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    var response = client.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("pk", str(pk), "sk", str(sk))));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
  }
}
