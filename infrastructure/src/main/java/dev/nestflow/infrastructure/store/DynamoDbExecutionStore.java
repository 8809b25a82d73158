package dev.nestflow.infrastructure.store;

import static dev.nestflow.infrastructure.store.DynamoDbItems.keyed;
import static dev.nestflow.infrastructure.store.DynamoDbItems.numberOf;
import static dev.nestflow.infrastructure.store.DynamoDbItems.putNumber;
import static dev.nestflow.infrastructure.store.DynamoDbItems.putText;
import static dev.nestflow.infrastructure.store.DynamoDbItems.text;
import static dev.nestflow.infrastructure.store.DynamoDbItems.textOf;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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
 *   <li>{@code SM#<arn>} / {@code SM}: a state machine (or version); its definition by digest,
 *       {@code definitionSha};
 *   <li>{@code DEF#<sha256>} / {@code PART#<n, 4 digits>}: part n of a definition's text, and
 *       {@code DEF#<sha256>} / {@code DEF}: the definition's manifest ({@code parts}), written after
 *       its parts; once per distinct definition, however many versions and executions use it
 *       (see {@link Definitions});
 *   <li>{@code EXEC#<arn>} / {@code HEAD}: an execution's head (version, status, output, error, ...),
 *       with {@code inc}, the incarnation (see below), and carrying {@code gsi1pk} = state machine
 *       ARN and {@code gsi1sk} = zero-padded start millis + {@code #} + execution ARN for the index
 *       {@code gsi1} that lists executions; when the input is small ({@link #INLINE_INPUT_BYTES}),
 *       also the start's immutable {@code definitionSha}, {@code inputText} and {@code keyId}, flagged
 *       {@code startInline}, so that creating the execution is one write (the ARNs of the execution
 *       and its state machine are read from the keys {@code pk} and {@code gsi1pk}, not repeated, so
 *       that a Map child's head stays within one write unit, 1 KB);
 *   <li>{@code EXEC#<arn>} / {@code HEAD#<inc>}: log entry 1, the start, of incarnation inc, with the
 *       execution's {@code definitionSha}, {@code inputText} and {@code keyId}, for a larger input (and
 *       in tables written before heads carried them): kept apart from the head so that input and
 *       output of 256 KiB each never share one item, and next to it so that one query reads both;
 *   <li>{@code EXEC#<arn>} / {@code SIG#<inc>#<seq, 19 digits>}: log entry seq (2, 3, ...) of
 *       incarnation inc;
 *   <li>{@code EXEC#<arn>} / {@code DLQ#<inc>#<signal id>}: a note that the transition message
 *       carrying that signal went to the dead-letter queue, with the reason (see {@link DeadLetterNote});
 *   <li>{@code EXEC#<arn>} / {@code SNAP#<inc>#<seq, 19 digits>}: a snapshot of incarnation inc's
 *       state after log entry seq, gzipped: in the item ({@code data}) when it fits, else in {@code
 *       parts} items {@code SNAPPART#<inc>#<seq>#<digest>#<part, 4 digits>} written before it (so a
 *       reader that finds the snapshot finds every part; the digest of the content keeps two writers'
 *       parts apart); each with the incarnation's item expiry, like the log entries;
 *   <li>{@code TOKEN#<token>} / {@code TOKEN}: a task token, with the digest of its first answer;
 *   <li>{@code ACTIVITY#<arn>} / {@code ACTIVITY}: an activity;
 *   <li>{@code ACTIVITY#<arn>} / {@code TASK#<scheduled millis, 19 digits>#<token>}: a task queued
 *       for the activity's workers, deleted (conditionally) by the worker that claims it.
 * </ul>
 *
 * <p><b>Retention.</b> Every item of an execution (head, start, log entries, tokens, activity tasks)
 * carries {@code expiresAt} (epoch seconds), the table's TTL attribute, set once when the item is
 * written: {@link Retention#whileRunning} (start + the longest its type may run + the retention).
 * Only the head is rewritten when the execution ends, with {@link Retention#afterClose} (end + the
 * retention), so ending costs one write whatever the log's length. TTL deletes some time after
 * expiry, so every read treats an expired head as absent; an execution is read through its head,
 * so its other items are invisible from then on too. State machines, activities and definitions
 * carry no expiry (they are not an execution's items; definitions are shared).
 *
 * <p>A new kind of item that belongs to an execution follows the same rule: it is written with
 * {@code expiresAt} = the item expiry of the execution's current incarnation ({@code
 * putExpiry(item, incarnation(arn).itemExpiryMillis())}, never rewritten at the end), and it is
 * either keyed under {@code EXEC#<arn>} with the incarnation in its sort key (as {@link #logKey}
 * does: {@code <KIND>#<inc>#...}) or, keyed elsewhere, checked against the execution when read (as
 * tokens and activity tasks are: the runtime ignores one registered over an hour before the
 * execution's start, see ExecutionCommands.CLOCK_SKEW).
 *
 * <p><b>Incarnations.</b> A name may be started again once its head has expired, while the log
 * items of the earlier execution may live on until their own (later) expiry. Each creation
 * therefore has a new incarnation id {@code inc} ({@link #incarnationId}, derived from the record's
 * start and seed), written into the head and into the sort keys of its start and log entries: the
 * new execution's log starts empty at positions the old one never used, and nothing of the old one
 * is read again. The store keeps the incarnation of the executions it created, adopted or read (an
 * execution's incarnation changes only after it ended and expired) and reads the head when it does
 * not know it.
 *
 * <p>No write is a transaction. Creating an execution is one {@code PutItem} of the head conditioned
 * on its absence (or expiry), preceded for a large input by the start item; a start item whose head
 * never came (a crash, or a creator that lost a race) is never read and expires. Appending
 * is one {@code PutItem} of the log entry conditioned on its absence (1 WRU for an entry up to
 * 1 KB). Only the step that ends the execution rewrites the head, with a second {@code PutItem}
 * conditioned on the head still being RUNNING. The head's {@code version} is therefore the log
 * length at its last write (0 while running), not the current one. Reads of one execution are strongly consistent;
 * {@link #executions} reads the index and so is eventually consistent. Every item is sized before
 * it is written and refused with {@link ItemTooLargeException} above 400 KB.
 */
public final class DynamoDbExecutionStore implements ExecutionStore {
  public static final String INDEX = "gsi1";
  /** The table's TTL attribute (epoch seconds), as template.yaml's TimeToLiveSpecification names it. */
  public static final String EXPIRES_AT = "expiresAt";
  private static final String HEAD = "HEAD";
  private static final String SIG = "SIG#";
  private static final String DEAD_LETTER = "DLQ#";
  /** Just after every {@code SIG#...} key and before {@code SNAP#}: the end of {@link #open}'s range. */
  private static final String SIG_RANGE_END = "SIG$";
  /** Items {@link #open} reads beyond the log entries asked for: the head and a few start items. */
  private static final int OPEN_SLACK = 8;
  /** The head's flag (the number 1) that it carries the start's fields (see {@link #inlineStart}). */
  private static final String INLINE = "startInline";
  /**
   * The largest input (UTF-8 bytes) kept in the head. The head is rewritten when the execution ends,
   * with an output of up to 256 KiB: an input this small keeps it far below the 400 KB item limit,
   * and keeps the rewrite (and its copy in the index {@code gsi1}, which projects every attribute)
   * within a few write units. A larger input goes into a start item written once.
   */
  static final int INLINE_INPUT_BYTES = 8 * 1024;
  private static final long SEED_BITS = (1L << 40) - 1;
  private static final int KNOWN_INCARNATIONS = 4096;

  /**
   * What the store knows of an execution's current incarnation: its id, start, the expiry of its
   * items, and until when it is known to stay current: the head's expiry once the execution ended,
   * else the retention from when it was seen running (a name gets a new incarnation only after its
   * head expired, at least the retention after it ended).
   */
  private record Incarnation(String inc, long startMillis, long itemExpiryMillis, long currentUntilMillis) {}
  private static final String SNAP = "SNAP#";
  private static final String SNAP_PART = "SNAPPART#";
  /** Gzipped snapshot bytes per item: with keys and attribute names, well under the 400 KB item limit. */
  static final int SNAPSHOT_PART_BYTES = 350_000;

  private final DynamoDbClient client;
  private final String table;
  private final Retention retention;
  private final Clock clock;
  private final Definitions definitions = Definitions.cache();
  private final Map<String, Incarnation> incarnations = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Incarnation> eldest) {
      return size() > KNOWN_INCARNATIONS;
    }
  };

  private final DynamoDbMapRunStore mapRuns;

  /** A store with the default retention (90 days after close) on the system clock. */
  public DynamoDbExecutionStore(DynamoDbClient client, String tableName) {
    this(client, tableName, Retention.DEFAULT, Clock.systemUTC());
  }

  /** A store whose items expire by {@code retention}, judged on {@code clock}. */
  public DynamoDbExecutionStore(DynamoDbClient client, String tableName, Retention retention, Clock clock) {
    this.client = client;
    this.table = tableName;
    this.retention = retention;
    this.clock = clock;
    this.mapRuns = new DynamoDbMapRunStore(client, tableName, retention, clock);
  }

  @Override
  public MapRunStore mapRuns() {
    return mapRuns;
  }

  /**
   * Creates the table (on-demand capacity, with the index {@code gsi1}, TTL on {@link #EXPIRES_AT})
   * unless a table of that name exists, and waits until it is active.
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
    try {
      client.updateTimeToLive(b -> b.tableName(tableName)
          .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
    } catch (DynamoDbException alreadyOn) {
      // enabled before (DynamoDB refuses to enable it twice); reads check expiry anyway
    }
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
    putText(item, "stateMachineArn", m.stateMachineArn());
    putText(item, "name", m.name());
    putText(item, "type", m.type());
    putText(item, "definitionSha", putDefinition(m.definition()));
    putText(item, "roleArn", m.roleArn());
    putNumber(item, "createdMillis", m.createdMillis());
    DynamoDbItemSize.check("state machine " + m.stateMachineArn(), item);
    client.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public Optional<StateMachineRecord> stateMachine(String arn) {
    return get("SM#" + arn, "SM").map(i -> new StateMachineRecord(
        textOf(i, "stateMachineArn"), textOf(i, "name"), textOf(i, "type"), definitionOf(i), textOf(i, "roleArn"),
        numberOf(i, "createdMillis")));
  }

  // ---- definitions

  /**
   * Stores {@code text} once (its parts, then its manifest) unless it is stored already, and returns
   * its digest. Idempotent: the parts of one digest are always the same.
   */
  private String putDefinition(String text) {
    if (text == null) {
      return null;
    }
    String sha = Definitions.digest(text);
    if (definitions.get(sha) != null || get("DEF#" + sha, "DEF").isPresent()) {
      definitions.remember(sha, text);
      return sha;
    }
    List<String> parts = Definitions.parts(text);
    for (int n = 0; n < parts.size(); n++) {
      Map<String, AttributeValue> part = keyed("DEF#" + sha, String.format("PART#%04d", n));
      putText(part, "text", parts.get(n));
      DynamoDbItemSize.check("definition part " + n + " of " + sha, part);
      client.putItem(b -> b.tableName(table).item(part));
    }
    Map<String, AttributeValue> manifest = keyed("DEF#" + sha, "DEF");
    putNumber(manifest, "parts", parts.size());
    client.putItem(b -> b.tableName(table).item(manifest));
    definitions.remember(sha, text);
    return sha;
  }

  /** The definition an item refers to by {@code definitionSha} (or holds, as items written before digests did). */
  private String definitionOf(Map<String, AttributeValue> item) {
    String sha = textOf(item, "definitionSha");
    return sha == null ? textOf(item, "definition") : definition(sha);
  }

  private String definition(String sha) {
    String known = definitions.get(sha);
    if (known != null) {
      return known;
    }
    Map<String, String> bySk = new HashMap<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", text("DEF#" + sha)))
            .build())
        .items()
        .forEach(i -> bySk.put(textOf(i, "sk"), "DEF".equals(textOf(i, "sk")) ? i.get("parts").n() : textOf(i, "text")));
    if (!bySk.containsKey("DEF")) {
      throw new IllegalStateException("definition " + sha + " is referred to but not stored");
    }
    StringBuilder text = new StringBuilder();
    int parts = Integer.parseInt(bySk.get("DEF"));
    for (int n = 0; n < parts; n++) {
      text.append(bySk.get(String.format("PART#%04d", n)));
    }
    String out = text.toString();
    definitions.remember(sha, out);
    return out;
  }

  @Override
  public void deleteStateMachine(String arn) {
    client.deleteItem(b -> b.tableName(table).key(keyed("SM#" + arn, "SM")));
  }

  @Override
  public boolean putToken(TokenRecord t) {
    Map<String, AttributeValue> item = keyed("TOKEN#" + t.token(), "TOKEN");
    putText(item, "token", t.token());
    putText(item, "executionArn", t.executionArn());
    putText(item, "taskKey", t.taskKey());
    putNumber(item, "createdMillis", t.createdMillis());
    putExpiry(item, itemExpiry(t.executionArn()));
    DynamoDbItemSize.check("token", item);
    var old = client.putItem(b -> b.tableName(table).item(item).returnValues(ReturnValue.ALL_OLD));
    return !old.hasAttributes() || old.attributes().isEmpty() || !live(old.attributes());
  }

  @Override
  public boolean answerToken(String token, String answer) {
    try {
      client.updateItem(b -> b.tableName(table).key(Map.of("pk", text("TOKEN#" + token), "sk", text("TOKEN")))
          .updateExpression("SET #answer = :a")
          .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#answer) OR #answer = :a)"
              + " AND (attribute_not_exists(#exp) OR #exp > :now)")
          .expressionAttributeNames(Map.of("#answer", "answer", "#exp", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":a", text(answer), ":now", AttributeValue.fromN(Long.toString(nowSeconds())))));
      return true;
    } catch (ConditionalCheckFailedException answered) {
      return false;
    }
  }

  @Override
  public Optional<TokenRecord> token(String token) {
    return get("TOKEN#" + token, "TOKEN").filter(this::live).map(i -> new TokenRecord(
        textOf(i, "token"), textOf(i, "executionArn"), textOf(i, "taskKey"), numberOf(i, "createdMillis")));
  }

  // ---- activities

  @Override
  public boolean putActivity(ActivityRecord a) {
    Map<String, AttributeValue> item = keyed("ACTIVITY#" + a.activityArn(), "ACTIVITY");
    putText(item, "activityArn", a.activityArn());
    putText(item, "name", a.name());
    putNumber(item, "createdMillis", a.createdMillis());
    return putIfAbsent(item);
  }

  @Override
  public Optional<ActivityRecord> activity(String activityArn) {
    return get("ACTIVITY#" + activityArn, "ACTIVITY").map(i -> new ActivityRecord(
        textOf(i, "activityArn"), textOf(i, "name"), numberOf(i, "createdMillis")));
  }

  @Override
  public void deleteActivity(String activityArn) {
    client.deleteItem(b -> b.tableName(table).key(Map.of("pk", text("ACTIVITY#" + activityArn), "sk", text("ACTIVITY"))));
  }

  @Override
  public boolean putActivityTask(ActivityTaskRecord t) {
    Map<String, AttributeValue> item = keyed("ACTIVITY#" + t.activityArn(), activityTaskKey(t));
    putText(item, "activityArn", t.activityArn());
    putText(item, "token", t.token());
    putText(item, "executionArn", t.executionArn());
    putText(item, "taskKey", t.taskKey());
    putText(item, "inputText", t.inputText());
    putNumber(item, "scheduledMillis", t.scheduledMillis());
    putExpiry(item, itemExpiry(t.executionArn()));
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
            .expressionAttributeValues(Map.of(":pk", text("ACTIVITY#" + activityArn), ":task", text("TASK#")))
            .build())
        .items()
        .stream()
        .filter(this::live)
        .forEach(i -> out.add(new ActivityTaskRecord(textOf(i, "activityArn"), textOf(i, "token"), textOf(i, "executionArn"),
            textOf(i, "taskKey"), textOf(i, "inputText"), numberOf(i, "scheduledMillis"))));
    return List.copyOf(out);
  }

  @Override
  public boolean claimActivityTask(ActivityTaskRecord t) {
    try {
      client.deleteItem(b -> b.tableName(table)
          .key(Map.of("pk", text("ACTIVITY#" + t.activityArn()), "sk", text(activityTaskKey(t))))
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

  /**
   * One conditional {@code PutItem} of the head, with the start's fields inline when the input is
   * small (see {@link #INLINE_INPUT_BYTES}); a larger input first gets its start item (unconditional:
   * the same record always writes the same item, and a start whose head never comes is never read).
   * Nothing is read before: a refused head is read once, to tell an SDK retry of this very write
   * (whose answer was lost: the head holds this record's incarnation) from another execution.
   */
  @Override
  public boolean create(ExecutionRecord record) {
    AppendRules.checkCreate(record);
    String inc = incarnationId(record);
    long itemExpiry = retention.whileRunning(record.type(), record.startMillis());
    String definitionSha = putDefinition(record.definition());
    boolean inline = inlineStart(record);
    Map<String, AttributeValue> head = headItem(record, inc, inline, definitionSha);
    DynamoDbItemSize.check("execution head " + record.executionArn(), head);
    if (!inline) {
      Map<String, AttributeValue> start = startItem(record, inc, definitionSha, itemExpiry);
      DynamoDbItemSize.check("execution definition and input " + record.executionArn(), start);
      client.putItem(b -> b.tableName(table).item(start));
    }
    try {
      client.putItem(b -> b.tableName(table).item(head)
          .conditionExpression("attribute_not_exists(pk) OR #exp <= :now")
          .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(nowSeconds())))));
    } catch (ConditionalCheckFailedException exists) {
      if (!get("EXEC#" + record.executionArn(), HEAD).filter(h -> inc.equals(textOf(h, "inc"))).isPresent()) {
        return false;
      }
    }
    know(record.executionArn(), new Incarnation(inc, record.startMillis(), itemExpiry,
        clock.millis() + retention.afterClose().toMillis()));
    return true;
  }

  /**
   * Remembers the record's incarnation (derived from the record, see {@link #incarnationId}) as
   * {@link #create} does after its write, so that appends, catch-up reads, snapshots and the end of
   * the execution read no head first. It is known current until the retention after the start: a
   * name gets a new incarnation only once its head expired, at least the retention after the
   * execution ended (so never before); a record older than that is not remembered (its head is read).
   */
  @Override
  public void adopt(ExecutionRecord record) {
    long currentUntil = record.startMillis() + retention.afterClose().toMillis();
    if (currentUntil > clock.millis()) {
      know(record.executionArn(), new Incarnation(incarnationId(record), record.startMillis(),
          retention.whileRunning(record.type(), record.startMillis()), currentUntil));
    }
  }

  @Override
  public Optional<ExecutionRecord> execution(String executionArn) {
    Map<String, Map<String, AttributeValue>> bySk = new HashMap<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :head)")
            .expressionAttributeValues(Map.of(":pk", text("EXEC#" + executionArn), ":head", text(HEAD)))
            .build())
        .items()
        .forEach(i -> bySk.put(textOf(i, "sk"), i));
    Map<String, AttributeValue> head = bySk.get(HEAD);
    if (head == null || !live(head)) {
      forget(executionArn);
      return Optional.empty();
    }
    Map<String, AttributeValue> start = inline(head) ? head : bySk.get(startKey(textOf(head, "inc")));
    if (start == null) {
      return Optional.empty();
    }
    ExecutionRecord record = record(head, start);
    know(executionArn, incarnationOf(head));
    return Optional.of(record);
  }

  /**
   * One Query (strongly consistent) on the execution's key range from {@code HEAD} to the end of the
   * {@code SIG#} range: the head, the start items ({@code HEAD#<inc>}) and the log entries of every
   * incarnation, and nothing else ({@code DLQ#} sorts before it, {@code SNAP#} and {@code SNAPPART#}
   * after). Its {@code Limit} leaves room for the head and a few start items beyond {@code
   * maxEntries}; when the answer was cut off (by that limit or DynamoDB's 1 MB page) the log is left
   * to the caller. Entries of earlier incarnations of the name are dropped (a reused name with a long
   * earlier log is cut off and so costs the caller's reads, as before).
   */
  @Override
  public Optional<Opened> open(String executionArn, int maxEntries) {
    int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, maxEntries) + OPEN_SLACK);
    var response = client.query(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk AND sk BETWEEN :head AND :end")
        .expressionAttributeValues(Map.of(":pk", text("EXEC#" + executionArn), ":head", text(HEAD),
            ":end", text(SIG_RANGE_END)))
        .limit(limit));
    List<Map<String, AttributeValue>> items = response.items();
    Map<String, AttributeValue> head = items.isEmpty() || !HEAD.equals(textOf(items.get(0), "sk")) ? null : items.get(0);
    if (head == null || !live(head)) {
      forget(executionArn);
      return Optional.empty();
    }
    boolean complete = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
    String inc = textOf(head, "inc");
    Map<String, AttributeValue> start = inline(head) ? head : items.stream()
        .filter(i -> startKey(inc).equals(textOf(i, "sk"))).findFirst()
        .or(() -> complete ? Optional.empty() : get("EXEC#" + executionArn, startKey(inc)))
        .orElse(null);
    if (start == null) {
      return Optional.empty();
    }
    ExecutionRecord record = record(head, start);
    know(executionArn, incarnationOf(head));
    if (!complete) {
      return Optional.of(new Opened(record, null));
    }
    List<SignalEntry> log = new ArrayList<>();
    log.add(SignalEntry.start(numberOf(head, "startMillis")));
    String prefix = logPrefix(inc);
    items.stream().filter(i -> textOf(i, "sk").startsWith(prefix)).forEach(i -> log.add(entry(i)));
    return Optional.of(new Opened(record, log.size() <= maxEntries ? List.copyOf(log) : null));
  }

  @Override
  public List<SignalEntry> signals(String executionArn) {
    return signalsAfter(executionArn, 0);
  }

  /**
   * One Query on the key range of the current incarnation's entries after {@code afterSeq}: a
   * catch-up reads only the new entries (entry 1, the start, is known from the head).
   */
  @Override
  public List<SignalEntry> signalsAfter(String executionArn, long afterSeq) {
    Optional<Incarnation> incarnation = incarnation(executionArn);
    if (incarnation.isEmpty()) {
      return List.of();
    }
    String inc = incarnation.get().inc();
    List<SignalEntry> out = new ArrayList<>();
    if (afterSeq < 1) {
      out.add(SignalEntry.start(incarnation.get().startMillis()));
    }
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :last")
            .expressionAttributeValues(Map.of(":pk", text("EXEC#" + executionArn),
                ":from", text(logKey(inc, Math.max(afterSeq, 1) + 1)), ":last", text(logKey(inc, Long.MAX_VALUE))))
            .build())
        .items()
        .forEach(i -> out.add(entry(i)));
    return List.copyOf(out);
  }

  @Override
  public boolean append(String executionArn, SignalEntry entry) {
    AppendRules.checkAppend(executionArn, entry);
    Optional<Incarnation> incarnation = entry.seq() == 1 ? Optional.empty() : incarnation(executionArn);
    if (incarnation.isEmpty()) {
      return false; // position 1 is the start, written with the execution; no execution, no log
    }
    Map<String, AttributeValue> signal = keyed("EXEC#" + executionArn, logKey(incarnation.get().inc(), entry.seq()));
    putNumber(signal, "seq", entry.seq());
    putText(signal, "signalId", entry.signalId());
    putText(signal, "signalJson", entry.signalJson());
    putNumber(signal, "atMillis", entry.atMillis());
    putExpiry(signal, incarnation.get().itemExpiryMillis());
    DynamoDbItemSize.check("signal " + entry.seq() + " of " + executionArn, signal);
    return putIfAbsent(signal);
  }

  @Override
  public void putSnapshot(String executionArn, SnapshotRecord snapshot) {
    Optional<Incarnation> incarnation = incarnation(executionArn);
    if (incarnation.isEmpty()) {
      return; // no live execution: nothing to restore later
    }
    String inc = incarnation.get().inc();
    long expiry = incarnation.get().itemExpiryMillis();
    byte[] zipped = SnapshotBytes.gzip(snapshot.state());
    String digest = SnapshotBytes.digest(zipped);
    Map<String, AttributeValue> item = keyed("EXEC#" + executionArn, snapshotKey(inc, snapshot.seq()));
    putExpiry(item, expiry);
    putNumber(item, "seq", snapshot.seq());
    putText(item, "digest", digest);
    if (zipped.length <= SNAPSHOT_PART_BYTES) {
      putNumber(item, "parts", 0);
      item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(zipped)));
    } else {
      int parts = (zipped.length + SNAPSHOT_PART_BYTES - 1) / SNAPSHOT_PART_BYTES;
      for (int p = 0; p < parts; p++) {
        Map<String, AttributeValue> part = keyed("EXEC#" + executionArn, partPrefix(inc, snapshot.seq(), digest) + String.format("%04d", p));
        putExpiry(part, expiry);
        int from = p * SNAPSHOT_PART_BYTES;
        part.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(
            java.util.Arrays.copyOfRange(zipped, from, Math.min(zipped.length, from + SNAPSHOT_PART_BYTES)))));
        DynamoDbItemSize.check("snapshot part of " + executionArn, part);
        client.putItem(b -> b.tableName(table).item(part));
      }
      putNumber(item, "parts", parts);
    }
    DynamoDbItemSize.check("snapshot of " + executionArn, item);
    client.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public Optional<SnapshotRecord> latestSnapshot(String executionArn, long atMostSeq) {
    Optional<Incarnation> incarnation = atMostSeq < 1 ? Optional.empty() : incarnation(executionArn);
    if (incarnation.isEmpty()) {
      return Optional.empty();
    }
    String inc = incarnation.get().inc();
    List<Map<String, AttributeValue>> found = client.query(b -> b.tableName(table).consistentRead(true)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :first AND :last")
            .expressionAttributeValues(Map.of(":pk", text("EXEC#" + executionArn),
                ":first", text(snapshotKey(inc, 1)), ":last", text(snapshotKey(inc, atMostSeq))))
            .scanIndexForward(false)
            .limit(1))
        .items();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = found.get(0);
    long seq = numberOf(item, "seq");
    long parts = numberOf(item, "parts");
    byte[] zipped;
    if (parts == 0) {
      zipped = item.get("data").b().asByteArray();
    } else {
      java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
      client.queryPaginator(QueryRequest.builder()
              .tableName(table)
              .consistentRead(true)
              .keyConditionExpression("pk = :pk AND begins_with(sk, :parts)")
              .expressionAttributeValues(Map.of(":pk", text("EXEC#" + executionArn),
                  ":parts", text(partPrefix(inc, seq, textOf(item, "digest")))))
              .build())
          .items()
          .forEach(i -> joined.writeBytes(i.get("data").b().asByteArrayUnsafe()));
      zipped = joined.toByteArray();
    }
    return Optional.of(new SnapshotRecord(seq, SnapshotBytes.gunzip(zipped)));
  }

  /** The sort key of the snapshot taken after log entry {@code seq} of incarnation {@code inc}. */
  static String snapshotKey(String inc, long seq) {
    return SNAP + inc + "#" + String.format("%019d", seq);
  }

  private static String partPrefix(String inc, long seq, String digest) {
    return SNAP_PART + inc + "#" + String.format("%019d", seq) + "#" + digest + "#";
  }

  @Override
  public boolean end(ExecutionRecord ended) {
    AppendRules.checkEnd(ended);
    Optional<Incarnation> incarnation = incarnation(ended.executionArn());
    if (incarnation.isEmpty()) {
      return false;
    }
    Map<String, AttributeValue> head = rewrittenHead(ended, incarnation.get().inc());
    DynamoDbItemSize.check("execution head " + ended.executionArn(), head);
    try {
      client.putItem(b -> b.tableName(table).item(head).conditionExpression("#s = :running AND inc = :inc")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":running", text("RUNNING"), ":inc", text(incarnation.get().inc()))));
      Incarnation was = incarnation.get();
      know(ended.executionArn(), new Incarnation(was.inc(), was.startMillis(), was.itemExpiryMillis(), retention.of(ended)));
      return true;
    } catch (ConditionalCheckFailedException notRunning) {
      return false;
    }
  }

  @Override
  public boolean reopen(ExecutionRecord closed, ExecutionRecord reopened) {
    AppendRules.checkReopen(closed, reopened);
    Optional<Incarnation> incarnation = incarnation(closed.executionArn());
    if (incarnation.isEmpty()) {
      return false;
    }
    Incarnation was = incarnation.get();
    Map<String, AttributeValue> head = rewrittenHead(reopened, was.inc());   // running again: the running expiry
    DynamoDbItemSize.check("execution head " + reopened.executionArn(), head);
    try {
      client.putItem(b -> b.tableName(table).item(head).conditionExpression("#s = :closed AND #v = :version AND inc = :inc")
          .expressionAttributeNames(Map.of("#s", "status", "#v", "version"))
          .expressionAttributeValues(Map.of(":closed", text(closed.status()),
              ":version", AttributeValue.builder().n(Long.toString(closed.version())).build(), ":inc", text(was.inc()))));
      know(closed.executionArn(), new Incarnation(was.inc(), was.startMillis(), was.itemExpiryMillis(),
          clock.millis() + retention.afterClose().toMillis()));
      return true;
    } catch (ConditionalCheckFailedException changed) {
      return false;
    }
  }

  @Override
  public void noteDeadLetter(String executionArn, DeadLetterNote note) {
    Optional<Incarnation> incarnation = incarnation(executionArn);
    if (incarnation.isEmpty()) {
      return; // no execution (or it expired): nothing to note it on
    }
    Map<String, AttributeValue> item =
        keyed("EXEC#" + executionArn, DEAD_LETTER + incarnation.get().inc() + "#" + note.signalId());
    putExpiry(item, incarnation.get().itemExpiryMillis());
    putText(item, "signalId", note.signalId());
    putText(item, "reason", note.reason());
    putNumber(item, "receiveCount", note.receiveCount());
    putNumber(item, "atMillis", note.atMillis());
    DynamoDbItemSize.check("dead-letter note of " + executionArn, item);
    client.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public List<DeadLetterNote> deadLetters(String executionArn) {
    Optional<Incarnation> incarnation = incarnation(executionArn);
    if (incarnation.isEmpty()) {
      return List.of();
    }
    List<DeadLetterNote> notes = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :dlq)")
            .expressionAttributeValues(Map.of(":pk", text("EXEC#" + executionArn),
                ":dlq", text(DEAD_LETTER + incarnation.get().inc() + "#")))
            .build())
        .items()
        .forEach(i -> notes.add(new DeadLetterNote(textOf(i, "signalId"), textOf(i, "reason"), (int) numberOf(i, "receiveCount"),
            numberOf(i, "atMillis"))));
    notes.sort(java.util.Comparator.comparingLong(DeadLetterNote::atMillis));
    return List.copyOf(notes);
  }

  private boolean putIfAbsent(Map<String, AttributeValue> item) {
    return DynamoDbItems.putIfAbsent(client, table, item);
  }

  @Override
  public List<ExecutionRecord> executions(String stateMachineArn) {
    List<Map<String, AttributeValue>> heads = new ArrayList<>();
    client.queryPaginator(QueryRequest.builder()
            .tableName(table)
            .indexName(INDEX)
            .scanIndexForward(false)
            .keyConditionExpression("gsi1pk = :sm")
            .expressionAttributeValues(Map.of(":sm", text(stateMachineArn)))
            .build())
        .items()
        .stream()
        .filter(this::live)
        .forEach(heads::add);
    Map<String, Map<String, AttributeValue>> starts =
        startsOf(heads.stream().filter(h -> !inline(h)).toList());   // the index projects inline starts
    List<ExecutionRecord> out = new ArrayList<>();
    for (Map<String, AttributeValue> head : heads) {
      Map<String, AttributeValue> start = inline(head) ? head : starts.get(textOf(head, "pk") + "\n" + startKey(textOf(head, "inc")));
      if (start != null) {
        out.add(record(head, start));
      }
    }
    return List.copyOf(out);
  }

  /** The start items of these heads, by pk and sk, read 100 keys at a time. */
  private Map<String, Map<String, AttributeValue>> startsOf(List<Map<String, AttributeValue>> heads) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < heads.size(); from += 100) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (Map<String, AttributeValue> head : heads.subList(from, Math.min(heads.size(), from + 100))) {
        keys.add(Map.of("pk", head.get("pk"), "sk", text(startKey(textOf(head, "inc")))));
      }
      Map<String, KeysAndAttributes> pending =
          Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(request));
        response.responses().getOrDefault(table, List.of()).forEach(i -> found.put(textOf(i, "pk") + "\n" + textOf(i, "sk"), i));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return found;
  }

  // ---- incarnations and expiry

  /**
   * The incarnation id of {@code record}: its start millis and the low 40 bits of its seed, each in
   * base 36. Derived from the record, so whoever holds the record (its creator, or a consumer handed
   * it in the start message, see {@link #adopt}) knows the id without reading the head, and a create
   * retried with the same record recognises its own head. Ids stay unique per name: a name gets a new
   * incarnation only after its earlier head expired, and the seed is random per execution (two
   * creators racing for one name in the same millisecond differ in it).
   */
  static String incarnationId(ExecutionRecord record) {
    return Long.toString(record.startMillis(), 36) + "." + Long.toString(record.seed() & SEED_BITS, 36);
  }

  /** The current incarnation of the execution: known, or read from its head; empty when it has no live head. */
  private Optional<Incarnation> incarnation(String executionArn) {
    synchronized (incarnations) {
      Incarnation known = incarnations.get(executionArn);
      if (known != null && known.currentUntilMillis() > clock.millis()) {
        return Optional.of(known);
      }
    }
    Optional<Map<String, AttributeValue>> head = get("EXEC#" + executionArn, HEAD).filter(this::live);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Incarnation read = incarnationOf(head.get());
    know(executionArn, read);
    return Optional.of(read);
  }

  private Incarnation incarnationOf(Map<String, AttributeValue> head) {
    long start = numberOf(head, "startMillis");
    boolean running = "RUNNING".equals(textOf(head, "status"));
    long currentUntil = running || !head.containsKey(EXPIRES_AT)
        ? clock.millis() + retention.afterClose().toMillis()
        : numberOf(head, EXPIRES_AT) * 1000;
    return new Incarnation(textOf(head, "inc"), start, retention.whileRunning(textOf(head, "type"), start), currentUntil);
  }

  private void know(String executionArn, Incarnation incarnation) {
    synchronized (incarnations) {
      incarnations.put(executionArn, incarnation);
    }
  }

  private void forget(String executionArn) {
    synchronized (incarnations) {
      incarnations.remove(executionArn);
    }
  }

  /** The expiry of an item of the execution: its running bound (a Standard one from now when it is unknown). */
  private long itemExpiry(String executionArn) {
    return incarnation(executionArn).map(Incarnation::itemExpiryMillis)
        .orElseGet(() -> retention.whileRunning("STANDARD", clock.millis()));
  }

  private long nowSeconds() {
    return Math.floorDiv(clock.millis(), 1000);
  }

  /** Whether the item has not expired (an item without {@code expiresAt} never does). */
  private boolean live(Map<String, AttributeValue> item) {
    AttributeValue exp = item.get(EXPIRES_AT);
    return exp == null || Long.parseLong(exp.n()) > nowSeconds();
  }

  /** Sets the TTL attribute: epoch seconds, rounded up so that an item never expires early. */
  private static void putExpiry(Map<String, AttributeValue> item, long expiresAtMillis) {
    item.put(EXPIRES_AT, expiry(expiresAtMillis));
  }

  /** The TTL attribute's value for an expiry at {@code expiresAtMillis}: epoch seconds, rounded up. */
  static AttributeValue expiry(long expiresAtMillis) {
    return AttributeValue.fromN(Long.toString(Math.floorDiv(expiresAtMillis + 999, 1000)));
  }

  // ---- items

  /**
   * The head as {@link #end} and {@link #reopen} rewrite it: with the start's fields inline when
   * {@link #create} put them there (the rule depends on the record only, so an inline head never
   * loses its input); the definition was stored at creation, so only its digest is computed.
   */
  private Map<String, AttributeValue> rewrittenHead(ExecutionRecord r, String inc) {
    boolean inline = inlineStart(r);
    return headItem(r, inc, inline, inline && r.definition() != null ? Definitions.digest(r.definition()) : null);
  }

  /**
   * Whether the execution's start (definition digest, input, key id) goes into its head rather than
   * into a start item of its own: when the input is at most {@link #INLINE_INPUT_BYTES}.
   */
  static boolean inlineStart(ExecutionRecord r) {
    String input = r.inputText();
    return input == null || input.length() * 3L <= INLINE_INPUT_BYTES
        || input.length() <= INLINE_INPUT_BYTES && input.getBytes(StandardCharsets.UTF_8).length <= INLINE_INPUT_BYTES;
  }

  /** Whether a head carries its execution's start (see {@link #inlineStart}); heads of older tables do not. */
  private static boolean inline(Map<String, AttributeValue> head) {
    return head.containsKey(INLINE);
  }

  private Map<String, AttributeValue> headItem(ExecutionRecord r, String inc, boolean inline, String definitionSha) {
    Map<String, AttributeValue> item = keyed("EXEC#" + r.executionArn(), HEAD);
    if (inline) {
      putNumber(item, INLINE, 1);
      putText(item, "definitionSha", definitionSha);
      putText(item, "inputText", r.inputText());
      putText(item, "keyId", r.keyId());
    }
    putText(item, "gsi1pk", r.stateMachineArn());
    putText(item, "gsi1sk", String.format("%019d#%s", r.startMillis(), r.executionArn()));
    putText(item, "inc", inc);
    putExpiry(item, retention.of(r));
    // the execution's and state machine's ARNs are the keys pk (after EXEC#) and gsi1pk: not repeated
    putText(item, "name", r.name());
    putText(item, "type", r.type());
    putText(item, "roleArn", r.roleArn());
    putNumber(item, "startMillis", r.startMillis());
    putNumber(item, "seed", r.seed());
    putNumber(item, "version", r.version());
    putText(item, "status", r.status());
    if (r.stopMillis() != null) {
      putNumber(item, "stopMillis", r.stopMillis());
    }
    putText(item, "outputText", r.outputText());
    putText(item, "error", r.error());
    putText(item, "cause", r.cause());
    putText(item, "parentArn", r.parentArn());
    putText(item, "parentTaskKey", r.parentTaskKey());
    putText(item, "parentPattern", r.parentPattern());
    if (r.redriveCount() > 0) {
      putNumber(item, "redriveCount", r.redriveCount());
    }
    if (r.redriveMillis() != null) {
      putNumber(item, "redriveMillis", r.redriveMillis());
    }
    return item;
  }

  private static Map<String, AttributeValue> startItem(ExecutionRecord r, String inc, String definitionSha, long expiry) {
    Map<String, AttributeValue> item = keyed("EXEC#" + r.executionArn(), startKey(inc));
    SignalEntry start = SignalEntry.start(r.startMillis());
    putNumber(item, "seq", start.seq());
    putText(item, "signalId", start.signalId());
    putText(item, "signalJson", start.signalJson());
    putNumber(item, "atMillis", start.atMillis());
    putText(item, "definitionSha", definitionSha);
    putText(item, "inputText", r.inputText());
    putText(item, "keyId", r.keyId());
    putExpiry(item, expiry);
    return item;
  }

  /** A log entry (2, 3, ...) read back. */
  private static SignalEntry entry(Map<String, AttributeValue> item) {
    return new SignalEntry(numberOf(item, "seq"), textOf(item, "signalId"), textOf(item, "signalJson"), numberOf(item, "atMillis"));
  }

  /** The record of a head and its start: the start item, or the head itself when it carries the start. */
  private ExecutionRecord record(Map<String, AttributeValue> head, Map<String, AttributeValue> start) {
    return new ExecutionRecord(
        executionArnOf(head), stateMachineArnOf(head), textOf(head, "name"), textOf(head, "type"),
        definitionOf(start), textOf(start, "inputText"), textOf(head, "roleArn"), numberOf(head, "startMillis"),
        numberOf(head, "seed"), numberOf(head, "version"), textOf(head, "status"),
        head.containsKey("stopMillis") ? numberOf(head, "stopMillis") : null,
        textOf(head, "outputText"), textOf(head, "error"), textOf(head, "cause"), textOf(head, "parentArn"), textOf(head, "parentTaskKey"),
        textOf(head, "parentPattern"), head.containsKey("redriveCount") ? (int) numberOf(head, "redriveCount") : 0,
        head.containsKey("redriveMillis") ? numberOf(head, "redriveMillis") : null, textOf(start, "keyId"));
  }

  /** The execution's ARN: its own attribute in heads of older tables, else the head's key after {@code EXEC#}. */
  private static String executionArnOf(Map<String, AttributeValue> head) {
    String arn = textOf(head, "executionArn");
    return arn != null ? arn : textOf(head, "pk").substring("EXEC#".length());
  }

  /** The state machine's ARN: its own attribute in heads of older tables, else the index key {@code gsi1pk}. */
  private static String stateMachineArnOf(Map<String, AttributeValue> head) {
    String arn = textOf(head, "stateMachineArn");
    return arn != null ? arn : textOf(head, "gsi1pk");
  }

  /** The sort key of the start entry (log entry 1) of incarnation {@code inc}: next to the head. */
  static String startKey(String inc) {
    return HEAD + "#" + inc;
  }

  /** The sort-key prefix of the log entries 2, 3, ... of incarnation {@code inc}. */
  static String logPrefix(String inc) {
    return SIG + inc + "#";
  }

  /** The sort key of log entry {@code seq} (2, 3, ...) of incarnation {@code inc}. */
  static String logKey(String inc, long seq) {
    return logPrefix(inc) + String.format("%019d", seq);
  }

  private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    var response = client.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("pk", text(pk), "sk", text(sk))));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
  }
}
