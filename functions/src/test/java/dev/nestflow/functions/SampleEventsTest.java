package dev.nestflow.functions;

import dev.nestflow.infrastructure.testing.MotoServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.DynamoDbExecutionStore;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.queue.MessageSeal;
import dev.nestflow.infrastructure.queue.SqsQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Feeds every sample event in {@code events/} (named after its function in template.yaml) to its
 * handler, wired from environment variables to DynamoDB and SQS on moto_server, and checks the effect.
 */
class SampleEventsTest {
  private static final Path EVENTS = Path.of("..", "events");
  private static final String TABLE = "nestflow-events-test";
  /** How the Lambda runtime reads events: property names in any case, unknown ones ignored. */
  private static final ObjectMapper EVENT_MAPPER = JsonMapper.builder()
      .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .build();

  static MotoServer moto;
  static AwsWiring.Wired wired;
  static Map<String, String> env;
  static SqsClient sqs;
  static SqsQueue transitions;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
      DynamoDbExecutionStore.createTable(dynamo, TABLE);
      String queueUrl = SqsQueue.createQueue(sqs, "nestflow-transitions");
      transitions = new SqsQueue(sqs, queueUrl);
      env = Map.of(
          AwsWiring.TABLE, TABLE,
          AwsWiring.QUEUE, queueUrl,
          AwsWiring.TOKEN_KEY, "a-test-key-of-enough-length",
          AwsWiring.ACCOUNT, "123456789012",
          AwsWiring.ENDPOINT, moto.endpoint().toString(),
          "AWS_REGION", "us-east-1");
      wired = AwsWiring.wire(env);
    }
  }

  /** The state-advance function's check of signatures, with the wiring's key. */
  private static MessageSeal seal() {
    return new MessageSeal(KeyLoading.keyring(env));
  }

  @AfterAll
  static void stopMoto() {
    if (sqs != null) {
      sqs.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void everySampleEventHasItsEffect() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(EVENTS)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString())
        .contains("ApiFunction.json", "StateAdvanceFunction.json", "TaskTokenFunction.json");
    for (Path file : files) {
      String name = file.getFileName().toString();
      String text = Files.readString(file);
      switch (name) {
        case "env.json" -> { } // sam local invoke's --env-vars file, checked by SamLocalInvokeTest
        case "ApiFunction.json" -> apiEvent(text);
        case "ApiFunction-StartExecution.json" -> apiStartEvent(text);
        case "StateAdvanceFunction.json" -> stateAdvanceEvent(text);
        case "TaskTokenFunction.json" -> taskTokenEvent(text);
        default -> fail("no handler for sample event " + name + ": name it after its function in template.yaml");
      }
    }
  }

  private void apiEvent(String text) throws IOException {
    APIGatewayV2HTTPEvent event = EVENT_MAPPER.readValue(text, APIGatewayV2HTTPEvent.class);
    APIGatewayV2HTTPResponse response = new ApiHandler(wired::api).handleRequest(event, null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/x-amz-json-1.0");
    String arn = Json.parse(response.getBody()).path("stateMachineArn").asText();
    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld");
    assertThat(wired.runtime().store().stateMachine(arn)).isPresent();
    var described = wired.api().handle("AWSStepFunctions.DescribeStateMachine",
        ("{\"stateMachineArn\":\"" + arn + "\"}").getBytes());
    assertThat(described.status()).isEqualTo(200);
    assertThat(Json.parse(described.body()).path("name").asText()).isEqualTo("HelloWorld");
  }

  private void apiStartEvent(String text) throws IOException {
    if (wired.runtime().store().stateMachine("arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld").isEmpty()) {
      apiEvent(Files.readString(EVENTS.resolve("ApiFunction.json")));
    }
    APIGatewayV2HTTPEvent event = EVENT_MAPPER.readValue(text, APIGatewayV2HTTPEvent.class);
    APIGatewayV2HTTPResponse response = new ApiHandler(wired::api).handleRequest(event, null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(Json.parse(response.getBody()).path("executionArn").asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:HelloWorld:sample-run");
  }

  private void stateAdvanceEvent(String text) throws IOException {
    SQSEvent event = EVENT_MAPPER.readValue(text, SQSEvent.class);
    JsonNode message = Json.parse(event.getRecords().get(0).getBody());
    String executionArn = message.path("arn").asText();
    String machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld";
    if (wired.runtime().store().stateMachine(machineArn).isEmpty()) {
      apiEvent(Files.readString(EVENTS.resolve("ApiFunction.json")));
    }
    wired.runtime().commands().startExecution(machineArn, "sample-run", "{}");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StateAdvanceHandler(wired::runtime, SampleEventsTest::seal).handleRequest(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out, null);
    assertThat(Json.parse(out.toString(StandardCharsets.UTF_8))).isEqualTo(Json.parse("{\"batchItemFailures\":[]}"));
    ExecutionRecord rec = wired.runtime().store().execution(executionArn).orElseThrow();
    assertThat(rec.status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(rec.outputText())).isEqualTo(Json.parse("{\"greeting\":\"hello\"}"));
  }

  /**
   * The sample answers a waiting task: an execution is parked on an activity task first, the
   * event gets that task's real token, and the execution must then succeed with the event's output.
   */
  private void taskTokenEvent(String text) throws IOException {
    JsonNode activity = apiCall("CreateActivity", "{\"name\":\"SampleApproval\"}");
    ObjectNode definition = Json.object();
    definition.put("StartAt", "Approve");
    definition.putObject("States").putObject("Approve")
        .put("Type", "Task").put("Resource", activity.path("activityArn").asText()).put("End", true);
    ObjectNode create = Json.object();
    create.put("name", "SampleApproval");
    create.put("roleArn", "arn:aws:iam::123456789012:role/nestflow-example");
    create.put("definition", Json.write(definition));
    String machineArn = apiCall("CreateStateMachine", Json.write(create)).path("stateMachineArn").asText();
    String executionArn = apiCall("StartExecution",
        "{\"stateMachineArn\":\"" + machineArn + "\",\"name\":\"sample-approval\"}").path("executionArn").asText();
    drainTransitions();
    String token = apiCall("GetActivityTask", "{\"activityArn\":\"" + activity.path("activityArn").asText() + "\"}")
        .path("taskToken").asText();
    assertThat(token).as("the execution waits on its activity task").isNotEmpty();

    ObjectNode event = Json.parse(text).deepCopy();
    JsonNode expectedOutput = event.path("output");
    event.put("taskToken", token);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TaskTokenHandler(wired::api).handleRequest(
        new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
    JsonNode answer = Json.parse(out.toString(StandardCharsets.UTF_8));
    assertThat(answer).as(answer.toString()).isEqualTo(Json.object());

    drainTransitions();
    ExecutionRecord rec = wired.runtime().store().execution(executionArn).orElseThrow();
    assertThat(rec.status()).isEqualTo("SUCCEEDED");
    assertThat(Json.parse(rec.outputText())).isEqualTo(expectedOutput);
  }

  private static JsonNode apiCall(String operation, String body) {
    var response = wired.api().handle("AWSStepFunctions." + operation, body.getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as(operation + ": " + response.body()).isEqualTo(200);
    return Json.parse(response.body());
  }

  /** Feeds the transitions queue to the state-advance handler, as Lambda's SQS event source would, until it is empty. */
  private static void drainTransitions() {
    StateAdvanceHandler handler = new StateAdvanceHandler(wired::runtime, SampleEventsTest::seal);
    for (int empty = 0; empty < 3; ) {
      List<QueueMessage> batch = transitions.receive(SqsQueue.MAX_RECEIVE, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        empty++;
        continue;
      }
      empty = 0;
      SQSEvent event = new SQSEvent();
      event.setRecords(batch.stream().map(m -> {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(m.messageId());
        message.setBody(m.body());
        return message;
      }).toList());
      SQSBatchResponse response = handler.handleBatch(event, null);
      assertThat(response.getBatchItemFailures()).isEmpty();
      batch.forEach(m -> transitions.delete(m.receiptHandle()));
    }
  }
}
