package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@link AwsServices} port's contract: what the service integrations rely on, run against the
 * in-memory twins and against the real services as moto_server emulates them (the SDK adapter).
 * Each test makes its own uniquely named resources.
 */
abstract class AwsServicesContract {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";

  protected abstract AwsServices services();

  private String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String queue() {
    return services().call("sqs", "CreateQueue", Json.object().put("QueueName", unique("q"))).path("QueueUrl").asText();
  }

  private String table() {
    String name = unique("t");
    ObjectNode request = Json.object().put("TableName", name).put("BillingMode", "PAY_PER_REQUEST");
    request.putArray("KeySchema").addObject().put("AttributeName", "id").put("KeyType", "HASH");
    request.putArray("AttributeDefinitions").addObject().put("AttributeName", "id").put("AttributeType", "S");
    services().call("dynamodb", "CreateTable", request);
    return name;
  }

  private static ServiceException refusal(Runnable call) {
    try {
      call.run();
    } catch (ServiceException e) {
      return e;
    }
    throw new AssertionError("the call was not refused");
  }

  @Test
  void sendMessageAnswersTheMessageIdAndTheMd5OfTheBody() {
    String url = queue();
    ObjectNode sent = services().call("sqs", "SendMessage",
        Json.object().put("QueueUrl", url).put("MessageBody", "hello"));
    assertThat(sent.path("MessageId").asText()).isNotEmpty();
    assertThat(sent.path("MD5OfMessageBody").asText())
        .isEqualTo(InMemorySqs.md5("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(sent.has("MD5OfMessageAttributes")).isFalse();
  }

  @Test
  void sendMessageWithAttributesAnswersTheirMd5() {
    String url = queue();
    JsonNode attributes = Json.parse("{\"kind\":{\"DataType\":\"String\",\"StringValue\":\"order\"}}");
    ObjectNode request = Json.object().put("QueueUrl", url).put("MessageBody", "b");
    request.set("MessageAttributes", attributes);
    ObjectNode sent = services().call("sqs", "SendMessage", request);
    assertThat(sent.path("MD5OfMessageAttributes").asText()).isEqualTo(InMemorySqs.md5OfAttributes(attributes));
  }

  @Test
  void sendMessageToAQueueThatDoesNotExistIsRefusedWithQueueDoesNotExist() {
    ServiceException e = refusal(() -> services().call("sqs", "SendMessage", Json.object()
        .put("QueueUrl", "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + unique("absent"))
        .put("MessageBody", "x")));
    assertThat(e.errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(e.modeledName()).isEqualTo("QueueDoesNotExistException");
    assertThat(e.statusCode()).isEqualTo(400);
  }

  @Test
  void sendMessageWithoutABodyIsRefusedWithMissingParameter() {
    String url = queue();
    ServiceException e = refusal(() -> services().call("sqs", "SendMessage", Json.object().put("QueueUrl", url)));
    assertThat(e.errorCode()).isEqualTo("MissingParameter");
    assertThat(e.getMessage()).isEqualTo("The request must contain the parameter MessageBody.");
  }

  @Test
  void publishAnswersAMessageIdAndATopicThatDoesNotExistIsNotFound() {
    String arn = services().call("sns", "CreateTopic", Json.object().put("Name", unique("topic"))).path("TopicArn").asText();
    ObjectNode published = services().call("sns", "Publish",
        Json.object().put("TopicArn", arn).put("Message", "{\"TaskToken\":\"t\"}").put("Subject", "s"));
    assertThat(published.path("MessageId").asText()).isNotEmpty();
    ServiceException e = refusal(() -> services().call("sns", "Publish", Json.object()
        .put("TopicArn", "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + unique("absent")).put("Message", "m")));
    assertThat(e.errorCode()).isEqualTo("NotFound");
    assertThat(e.modeledName()).isEqualTo("NotFoundException");
  }

  @Test
  void anItemPutIsGotUpdatedAndDeleted() {
    String t = table();
    ObjectNode put = Json.object().put("TableName", t);
    put.set("Item", Json.parse("{\"id\":{\"S\":\"k1\"},\"n\":{\"N\":\"1\"}}"));
    assertThat(services().call("dynamodb", "PutItem", put)).isEqualTo(Json.object());
    ObjectNode key = Json.object().put("TableName", t);
    key.set("Key", Json.parse("{\"id\":{\"S\":\"k1\"}}"));
    assertThat(services().call("dynamodb", "GetItem", key).get("Item"))
        .isEqualTo(Json.parse("{\"id\":{\"S\":\"k1\"},\"n\":{\"N\":\"1\"}}"));
    ObjectNode update = key.deepCopy().put("UpdateExpression", "SET n = :v").put("ReturnValues", "ALL_NEW");
    update.set("ExpressionAttributeValues", Json.parse("{\":v\":{\"N\":\"2\"}}"));
    assertThat(services().call("dynamodb", "UpdateItem", update).path("Attributes").path("n"))
        .isEqualTo(Json.parse("{\"N\":\"2\"}"));
    services().call("dynamodb", "DeleteItem", key);
    assertThat(services().call("dynamodb", "GetItem", key)).isEqualTo(Json.object());
  }

  @Test
  void anItemPutWithoutItemOrOnATableThatDoesNotExistIsRefusedAsAwsRefusesIt() {
    String t = table();
    ServiceException missing = refusal(() -> services().call("dynamodb", "PutItem", Json.object().put("TableName", t)));
    assertThat(missing.errorCode()).isEqualTo("ValidationException");
    assertThat(missing.getMessage()).isEqualTo(
        "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
    ObjectNode put = Json.object().put("TableName", unique("absent"));
    put.set("Item", Json.parse("{\"id\":{\"S\":\"k\"}}"));
    ServiceException absent = refusal(() -> services().call("dynamodb", "PutItem", put));
    assertThat(absent.errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(absent.modeledName()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void putEventsAnswersAnEventIdPerEntry() {
    ObjectNode request = Json.object();
    request.putArray("Entries").addObject().put("Source", "nestflow.test").put("DetailType", "Order")
        .put("Detail", "{\"id\":1}").put("EventBusName", "default");
    ObjectNode answer = services().call("events", "PutEvents", request);
    assertThat(answer.path("FailedEntryCount").asInt()).isZero();
    assertThat(answer.path("Entries")).hasSize(1);
    assertThat(answer.path("Entries").get(0).path("EventId").asText()).isNotEmpty();
  }

  @Test
  void anObjectPutIsGotListedAndDeleted() {
    String bucket = unique("b");
    services().call("s3", "CreateBucket", Json.object().put("Bucket", bucket));
    ObjectNode put = services().call("s3", "PutObject",
        Json.object().put("Bucket", bucket).put("Key", "dir/a.json").put("Body", "{\"a\":1}"));
    String etag = "\"" + InMemorySqs.md5("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) + "\"";
    assertThat(put.path("ETag").asText()).isEqualTo(etag);
    ObjectNode got = services().call("s3", "GetObject", Json.object().put("Bucket", bucket).put("Key", "dir/a.json"));
    assertThat(got.path("Body").asText()).isEqualTo("{\"a\":1}");
    assertThat(got.path("ContentLength").asInt()).isEqualTo(7);
    ObjectNode listed = services().call("s3", "ListObjectsV2", Json.object().put("Bucket", bucket).put("Prefix", "dir/"));
    assertThat(listed.path("Contents")).hasSize(1);
    assertThat(listed.path("Contents").get(0).path("Key").asText()).isEqualTo("dir/a.json");
    assertThat(listed.path("Contents").get(0).path("Size").asInt()).isEqualTo(7);
    services().call("s3", "DeleteObject", Json.object().put("Bucket", bucket).put("Key", "dir/a.json"));
    ServiceException gone = refusal(() ->
        services().call("s3", "GetObject", Json.object().put("Bucket", bucket).put("Key", "dir/a.json")));
    assertThat(gone.errorCode()).isEqualTo("NoSuchKey");
    assertThat(gone.modeledName()).isEqualTo("NoSuchKeyException");
    assertThatThrownBy(() -> services().call("s3", "GetObject", Json.object().put("Bucket", unique("nob")).put("Key", "k")))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchBucket"));
  }
}
