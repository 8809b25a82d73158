package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The SQS, SNS and DynamoDB integrations over their in-memory services, chained as the runtime uses them. */
class ServiceIntegrationsTest {
  private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:news";
  private static final String ID36 = "00000000-0000-4000-8000-0000000000";

  private final AtomicInteger n = new AtomicInteger();
  private final Supplier<String> ids = () -> ID36 + String.format("%02d", n.incrementAndGet());
  private final Clock clock = Clock.fixed(Instant.parse("2024-04-18T06:27:01Z"), ZoneOffset.UTC);
  private final InMemoryServices services = new InMemoryServices(clock, ids, "us-east-1", "123456789012");
  private final InMemorySqs sqs = services.sqs();
  private final InMemorySns sns = services.sns();
  private final InMemoryDynamoDb dynamoDb = services.dynamoDb();
  private final TaskInvoker tasks = TaskIntegrations.builder()
      .add(new SqsIntegration(services, clock, ids))
      .add(new SnsIntegration(services, clock, ids))
      .add(new DynamoDbIntegration(services, clock, ids))
      .build();

  ServiceIntegrationsTest() {
    sqs.createQueue(QUEUE);
    sns.createTopic(TOPIC);
    dynamoDb.createTable("orders", "id");
  }

  private TaskOutcome call(String resource, String parameters) {
    return tasks.invoke(new TaskRequest("arn:exec", "x#task1", "S", resource, Json.parse(parameters), null));
  }

  private static JsonNode output(TaskOutcome outcome) {
    assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
    return ((TaskOutcome.Succeeded) outcome).output();
  }

  @Test
  void sendMessageAnswersWithDigestIdAndJsonProtocolMetadata() {
    JsonNode out = output(call("arn:aws:states:::sqs:sendMessage", "{\"QueueUrl\":\"" + QUEUE + "\",\"MessageBody\":\"hello\"}"));

    assertThat(out.get("MD5OfMessageBody").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(out.get("MessageId").asText()).hasSize(36);
    JsonNode http = out.get("SdkHttpMetadata");
    assertThat(http.get("HttpHeaders").get("Content-Length").asText()).isEqualTo("106");
    assertThat(http.get("AllHttpHeaders").get("Date").get(0).asText()).isEqualTo("Thu, 18 Apr 2024 06:27:01 GMT");
    assertThat(out.get("SdkResponseMetadata").get("RequestId").asText()).isEqualTo(http.get("HttpHeaders").get("x-amzn-RequestId").asText());
    assertThat(sqs.messages(QUEUE)).extracting(InMemorySqs.Message::body).containsExactly("hello");
  }

  @Test
  void callbackSendSerialisesTheBodyAndWaitsWithTheResponseAsSubmittedOutput() {
    TaskOutcome outcome = call("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "{\"QueueUrl\":\"" + QUEUE + "\",\"MessageBody\":{\"TaskToken\":\"t\"},\"MessageAttributes\":{\"a\":{\"DataType\":\"String\",\"StringValue\":\"b\"}}}");

    assertThat(outcome).isInstanceOf(TaskOutcome.Pending.class);
    JsonNode response = ((TaskOutcome.Pending) outcome).response();
    assertThat(response.has("MD5OfMessageAttributes")).isTrue();
    assertThat(response.get("SdkHttpMetadata").get("HttpHeaders").get("Content-Length").asText()).isEqualTo("166");
    assertThat(sqs.messages(QUEUE).get(0).body()).isEqualTo("{\"TaskToken\":\"t\"}");
  }

  @Test
  void sqsErrorsCarryTheSdkNamesAndMessages() {
    TaskOutcome.Failed missingBody = (TaskOutcome.Failed) call("arn:aws:states:::sqs:sendMessage",
        "{\"QueueUrl\":\"" + QUEUE + "\",\"MessageBody\":null}");
    assertThat(missingBody.error()).isEqualTo("SQS.AmazonSQSException");
    assertThat(missingBody.cause()).startsWith("The request must contain the parameter MessageBody. (Service: AmazonSQS; "
        + "Status Code: 400; Error Code: MissingParameter; Request ID: ").endsWith("; Proxy: null)");

    TaskOutcome.Failed unknownHost = (TaskOutcome.Failed) call("arn:aws:states:::sqs:sendMessage",
        "{\"QueueUrl\":\"http://no-such-queue-1/q\",\"MessageBody\":\"x\"}");
    assertThat(unknownHost.error()).isEqualTo("SQS.SdkClientException");
    assertThat(unknownHost.cause()).isEqualTo("Unable to execute HTTP request: no-such-queue-1: Name or service not known");
  }

  @Test
  void snsPublishAnswersWithTheMessageIdAndTheXmlResponseLength() {
    TaskOutcome outcome = call("arn:aws:states:::sns:publish.waitForTaskToken",
        "{\"TopicArn\":\"" + TOPIC + "\",\"Message\":{\"TaskToken\":\"t\"}}");

    JsonNode response = ((TaskOutcome.Pending) outcome).response();
    assertThat(response.get("SdkHttpMetadata").get("HttpHeaders").get("Content-Length").asText()).isEqualTo("294");
    assertThat(response.get("SdkHttpMetadata").get("HttpHeaders").get("Content-Type").asText()).isEqualTo("text/xml");
    assertThat(sns.messages(TOPIC).get(0).message()).isEqualTo("{\"TaskToken\":\"t\"}");
  }

  @Test
  void optimizedDynamoDbCallsAnswerWithMetadataAndSdkCallsWithTheBareResponse() {
    JsonNode put = output(call("arn:aws:states:::dynamodb:putItem",
        "{\"TableName\":\"orders\",\"Item\":{\"id\":{\"S\":\"id1\"},\"data\":{\"S\":\"HelloWorld\"}}}"));
    assertThat(put.get("SdkHttpMetadata").get("HttpHeaders").get("Content-Length").asText()).isEqualTo("2");

    JsonNode updated = output(call("arn:aws:states:::dynamodb:updateItem", "{\"TableName\":\"orders\",\"Key\":{\"id\":{\"S\":\"id1\"}},"
        + "\"UpdateExpression\":\"set S=:r\",\"ExpressionAttributeValues\":{\":r\":{\"S\":\"HelloWorldUpdated\"}},\"ReturnValues\":\"UPDATED_NEW\"}"));
    assertThat(updated.get("Attributes")).isEqualTo(Json.parse("{\"S\":{\"S\":\"HelloWorldUpdated\"}}"));
    assertThat(updated.get("SdkHttpMetadata").get("HttpHeaders").get("Content-Length").asText()).isEqualTo("46");

    JsonNode got = output(call("arn:aws:states:::aws-sdk:dynamodb:getItem", "{\"TableName\":\"orders\",\"Key\":{\"id\":{\"S\":\"id1\"}}}"));
    assertThat(got).isEqualTo(Json.parse("{\"Item\":{\"id\":{\"S\":\"id1\"},\"data\":{\"S\":\"HelloWorld\"},\"S\":{\"S\":\"HelloWorldUpdated\"}}}"));

    JsonNode query = output(call("arn:aws:states:::aws-sdk:dynamodb:query",
        "{\"TableName\":\"orders\",\"KeyConditionExpression\":\"id = :id\",\"ExpressionAttributeValues\":{\":id\":{\"S\":\"id1\"}}}"));
    assertThat(query.get("Count").asInt()).isEqualTo(1);

    assertThat(output(call("arn:aws:states:::aws-sdk:dynamodb:deleteItem", "{\"TableName\":\"orders\",\"Key\":{\"id\":{\"S\":\"id1\"}}}")))
        .isEqualTo(Json.object());
    assertThat(output(call("arn:aws:states:::aws-sdk:dynamodb:getItem", "{\"TableName\":\"orders\",\"Key\":{\"id\":{\"S\":\"id1\"}}}")))
        .isEqualTo(Json.object());
  }

  @Test
  void dynamoDbErrorsAreNamedAsEachSdkNamesThem() {
    TaskOutcome.Failed v1 = (TaskOutcome.Failed) call("arn:aws:states:::dynamodb:putItem", "{\"TableName\":\"missing\",\"Item\":{\"id\":{\"S\":\"1\"}}}");
    assertThat(v1.error()).isEqualTo("DynamoDB.ResourceNotFoundException");
    assertThat(v1.cause()).startsWith("Requested resource not found (Service: AmazonDynamoDBv2; Status Code: 400; "
        + "Error Code: ResourceNotFoundException; Request ID: ");

    TaskOutcome.Failed v2 = (TaskOutcome.Failed) call("arn:aws:states:::aws-sdk:dynamodb:putItem", "{\"TableName\":\"orders\",\"Item\":null}");
    assertThat(v2.error()).isEqualTo("DynamoDb.DynamoDbException");
    assertThat(v2.cause()).startsWith("1 validation error detected: Value null at 'item' failed to satisfy constraint: "
        + "Member must not be null (Service: DynamoDb, Status Code: 400, Request ID: ").endsWith(")");

    TaskOutcome.Failed badName = (TaskOutcome.Failed) call("arn:aws:states:::dynamodb:putItem", "{\"TableName\":\"/orders\",\"Item\":{\"id\":{\"S\":\"1\"}}}");
    assertThat(badName.error()).isEqualTo("DynamoDB.AmazonDynamoDBException");
    assertThat(badName.cause()).startsWith("1 validation error detected: Value '/orders' at 'tableName' failed to satisfy constraint: "
        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ (Service: AmazonDynamoDBv2;");
  }

  @Test
  void otherResourcesGoToTheNextInvoker() {
    TaskOutcome.Failed unknown = (TaskOutcome.Failed) call("arn:aws:states:::glue:startJobRun", "{}");
    assertThat(unknown.cause()).contains("glue:startJobRun");
  }
}
