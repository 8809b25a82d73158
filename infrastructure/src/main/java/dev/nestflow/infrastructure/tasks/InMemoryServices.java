package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The in-memory twins of SQS, SNS, DynamoDB, EventBridge and S3 behind the {@link AwsServices}
 * port: what {@code --services memory} runs (zero set-up local runs, tests, the conformance
 * runner). An action no twin implements fails with a message that names the option that calls the
 * real service instead.
 */
public final class InMemoryServices implements AwsServices {
  private final InMemorySqs sqs;
  private final InMemorySns sns;
  private final InMemoryDynamoDb dynamoDb = new InMemoryDynamoDb();
  private final InMemoryEvents events;
  private final InMemoryS3 s3 = new InMemoryS3();
  private final Clock clock;
  private final String region;
  private final String account;
  private final boolean createOnUse;

  /** Twins in {@code region} of {@code account} (the names in the URLs and ARNs the create actions return). */
  public InMemoryServices(Clock clock, Supplier<String> ids, String region, String account) {
    this(clock, ids, region, account, false);
  }

  /**
   * Twins for zero set-up local runs ({@code nestflow run}/{@code serve --services memory}): a
   * queue, topic, table (keyed by the first attribute of the item or key that names it), event bus
   * or bucket comes into being when a task first uses it, instead of failing as AWS would.
   */
  public static InMemoryServices createOnUse(Clock clock, Supplier<String> ids, String region, String account) {
    return new InMemoryServices(clock, ids, region, account, true);
  }

  private InMemoryServices(Clock clock, Supplier<String> ids, String region, String account, boolean createOnUse) {
    this.createOnUse = createOnUse;
    this.clock = clock;
    this.region = region;
    this.account = account;
    this.sqs = new InMemorySqs(ids);
    this.sns = new InMemorySns(ids);
    this.events = new InMemoryEvents(ids);
  }

  public InMemorySqs sqs() {
    return sqs;
  }

  public InMemorySns sns() {
    return sns;
  }

  public InMemoryDynamoDb dynamoDb() {
    return dynamoDb;
  }

  public InMemoryEvents events() {
    return events;
  }

  public InMemoryS3 s3() {
    return s3;
  }

  @Override
  public ObjectNode call(String service, String action, JsonNode request) {
    JsonNode p = request == null ? Json.object() : request;
    if (createOnUse) {
      createFor(service, p);
    }
    return switch (service + ":" + action) {
      case "sqs:CreateQueue" -> Json.object().put("QueueUrl",
          sqs.createQueue("https://sqs." + region + ".amazonaws.com/" + account + "/" + p.path("QueueName").asText()));
      case "sns:CreateTopic" -> Json.object().put("TopicArn",
          sns.createTopic("arn:aws:sns:" + region + ":" + account + ":" + p.path("Name").asText()));
      case "dynamodb:CreateTable" -> createTable(p);
      case "dynamodb:DeleteTable" -> {
        dynamoDb.deleteTable(p.path("TableName").asText());
        yield Json.object();
      }
      case "events:CreateEventBus" -> {
        events.createEventBus(p.path("Name").asText());
        yield Json.object().put("EventBusArn", "arn:aws:events:" + region + ":" + account + ":event-bus/"
            + p.path("Name").asText());
      }
      case "sqs:SendMessage" -> sendMessage(p);
      case "sns:Publish" -> Json.object().put("MessageId", sns.publish(p.path("TopicArn").asText(null),
          p.path("Message").isTextual() ? p.get("Message").asText() : null, p.path("Subject").asText(null)).messageId());
      case "dynamodb:PutItem" -> dynamoDb.putItem(p);
      case "dynamodb:GetItem" -> dynamoDb.getItem(p);
      case "dynamodb:UpdateItem" -> dynamoDb.updateItem(p);
      case "dynamodb:DeleteItem" -> dynamoDb.deleteItem(p);
      case "dynamodb:Query" -> dynamoDb.query(p);
      case "events:PutEvents" -> putEvents(p);
      case "s3:PutObject" -> Json.object().put("ETag",
          s3.put(p.path("Bucket").asText(null), p.path("Key").asText(), p.path("Body").asText(""), clock.millis()).eTag());
      case "s3:GetObject" -> getObject(p);
      case "s3:CreateBucket" -> {
        s3.createBucket(p.path("Bucket").asText());
        yield Json.object();
      }
      case "s3:DeleteObject" -> {
        s3.delete(p.path("Bucket").asText(null), p.path("Key").asText());
        yield Json.object();
      }
      case "s3:ListObjectsV2" -> listObjects(p);
      default -> throw ServiceException.service("NotImplemented", null, 501, "The in-memory " + service
          + " does not implement " + action + "; run with --services aws (and --endpoint-url URL for an emulator)"
          + " to call the real service.");
    };
  }

  /** Creates what a request names, when missing (see {@link #createOnUse}). */
  private void createFor(String service, JsonNode p) {
    switch (service) {
      case "sqs" -> {
        if (p.path("QueueUrl").asText("").startsWith("https://")) {
          sqs.createQueue(p.get("QueueUrl").asText());
        }
      }
      case "sns" -> {
        if (p.path("TopicArn").asText("").startsWith("arn:")) {
          sns.createTopic(p.get("TopicArn").asText());
        }
      }
      case "dynamodb" -> {
        JsonNode keyed = p.has("Item") ? p.get("Item") : p.get("Key");
        if (p.path("TableName").isTextual() && keyed != null && keyed.fieldNames().hasNext()) {
          dynamoDb.createTable(p.get("TableName").asText(), keyed.fieldNames().next());
        }
      }
      case "events" -> p.path("Entries").forEach(e -> {
        if (e.path("EventBusName").isTextual()) {
          String bus = e.get("EventBusName").asText();
          events.createEventBus(bus.substring(bus.lastIndexOf('/') + 1));
        }
      });
      case "s3" -> {
        if (p.path("Bucket").isTextual()) {
          s3.createBucket(p.get("Bucket").asText());
        }
      }
      default -> { }
    }
  }

  /** CreateTable with a string partition key (the only key schema the twin keeps). */
  private ObjectNode createTable(JsonNode p) {
    String name = p.path("TableName").asText();
    String key = "id";
    for (JsonNode k : p.path("KeySchema")) {
      if ("HASH".equals(k.path("KeyType").asText())) {
        key = k.path("AttributeName").asText();
      }
    }
    dynamoDb.createTable(name, key);
    ObjectNode r = Json.object();
    r.putObject("TableDescription").put("TableName", name).put("TableStatus", "ACTIVE");
    return r;
  }

  private ObjectNode sendMessage(JsonNode p) {
    InMemorySqs.Message sent = sqs.sendMessage(p.path("QueueUrl").asText(""),
        p.path("MessageBody").isTextual() ? p.get("MessageBody").asText() : null, p.get("MessageAttributes"));
    ObjectNode body = Json.object();
    body.put("MD5OfMessageBody", sent.md5OfBody());
    if (sent.md5OfAttributes() != null) {
      body.put("MD5OfMessageAttributes", sent.md5OfAttributes());
    }
    body.put("MessageId", sent.messageId());
    return body;
  }

  private ObjectNode putEvents(JsonNode p) {
    ObjectNode response = Json.object();
    ArrayNode entries = Json.NODES.arrayNode();
    int failed = 0;
    for (JsonNode entry : p.path("Entries")) {
      InMemoryEvents.Result r = events.put(entry);
      ObjectNode e = entries.addObject();
      if (r.eventId() != null) {
        e.put("EventId", r.eventId());
      } else {
        failed++;
        e.put("ErrorCode", r.errorCode()).put("ErrorMessage", r.errorMessage());
      }
    }
    response.put("FailedEntryCount", failed);
    response.set("Entries", entries);
    return response;
  }

  private ObjectNode getObject(JsonNode p) {
    InMemoryS3.StoredObject o = s3.get(p.path("Bucket").asText(null), p.path("Key").asText());
    ObjectNode r = Json.object();
    r.put("Body", o.body());
    r.put("ContentLength", o.size());
    r.put("ContentType", "binary/octet-stream");
    r.put("ETag", o.eTag());
    return r;
  }

  private ObjectNode listObjects(JsonNode p) {
    String prefix = p.path("Prefix").isTextual() ? p.get("Prefix").asText() : null;
    var objects = s3.list(p.path("Bucket").asText(null), prefix);
    ObjectNode r = Json.object();
    ArrayNode contents = r.putArray("Contents");
    for (InMemoryS3.StoredObject o : objects) {
      contents.addObject().put("Key", o.key()).put("ETag", o.eTag()).put("Size", o.size());
    }
    r.put("IsTruncated", false);
    r.put("KeyCount", objects.size());
    r.put("MaxKeys", 1000);
    r.put("Name", p.path("Bucket").asText());
    return r;
  }
}
