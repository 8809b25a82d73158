package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.cli.tasks.LocalTasks;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.tasks.SdkServices;
import dev.nestflow.infrastructure.tasks.ServiceEndpoints;
import dev.nestflow.infrastructure.testing.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code nestflow serve} with {@code AWS_ENDPOINT_URL} at moto_server: one workflow puts and gets a
 * DynamoDB item, sends an SQS message, publishes to SNS, puts an EventBridge event and answers its
 * own callback with {@code aws-sdk:sfn:sendTaskSuccess}; every side effect is then read back from moto.
 */
class ServeServicesMotoTest {
  private static final String ACCOUNT = "123456789012";
  private static final String DEFINITION = """
      {"StartAt":"Callback","States":{
        "Callback":{"Type":"Parallel","ResultPath":"$.callback","Next":"PutItem","Branches":[
          {"StartAt":"WaitForAnswer","States":{"WaitForAnswer":{"Type":"Task",
            "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters":{"QueueUrl.$":"$.callbacks","MessageBody":{"token.$":"$$.Task.Token"}},
            "TimeoutSeconds":60,"End":true}}},
          {"StartAt":"Receive","States":{
            "Receive":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:receiveMessage",
              "Parameters":{"QueueUrl.$":"$.callbacks","WaitTimeSeconds":1,"MaxNumberOfMessages":1},"Next":"Got"},
            "Got":{"Type":"Choice","Choices":[{"Variable":"$.Messages[0].Body","IsPresent":true,"Next":"Parse"}],
              "Default":"Receive"},
            "Parse":{"Type":"Pass","Parameters":{"body.$":"States.StringToJson($.Messages[0].Body)"},"Next":"Answer"},
            "Answer":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
              "Parameters":{"TaskToken.$":"$.body.token","Output":"{\\"answered\\":true}"},
              "End":true}}}]},
        "PutItem":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","ResultPath":null,
          "Parameters":{"TableName.$":"$.table","Item":{"id":{"S":"order-1"},"total":{"N":"42"}}},"Next":"GetItem"},
        "GetItem":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","ResultSelector":{"item.$":"$.Item"},
          "ResultPath":"$.got","Parameters":{"TableName.$":"$.table","Key":{"id":{"S":"order-1"}}},"Next":"Send"},
        "Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","ResultPath":null,
          "Parameters":{"QueueUrl.$":"$.shipments","MessageBody":{"ship":"order-1"}},"Next":"Publish"},
        "Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","ResultPath":null,
          "Parameters":{"TopicArn.$":"$.topic","Message":"order-1 shipped"},"Next":"Event"},
        "Event":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents","ResultPath":null,
          "Parameters":{"Entries":[{"Source":"shop","DetailType":"Shipped","Detail":{"order":"order-1"}}]},"End":true}}}""";

  @Test
  void aWorkflowReachesEveryServiceAtTheEndpointAndEachSideEffectIsVisibleThere() throws Exception {
    try (MotoServer moto = MotoServer.start()) {
      SdkServices aws = new SdkServices(UrlConnectionHttpClient.create(),
          StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
          new ServiceEndpoints("us-east-1", moto.endpoint(), Map.of()));
      ObjectNode table = Json.object().put("TableName", "orders").put("BillingMode", "PAY_PER_REQUEST");
      table.putArray("KeySchema").addObject().put("AttributeName", "id").put("KeyType", "HASH");
      table.putArray("AttributeDefinitions").addObject().put("AttributeName", "id").put("AttributeType", "S");
      aws.call("dynamodb", "CreateTable", table);
      String callbacks = queue(aws, "callbacks");
      String shipments = queue(aws, "shipments");
      String topicSink = queue(aws, "topic-sink");
      String eventSink = queue(aws, "event-sink");
      String topic = aws.call("sns", "CreateTopic", Json.object().put("Name", "orders")).path("TopicArn").asText();
      aws.call("sns", "Subscribe", Json.object().put("TopicArn", topic).put("Protocol", "sqs")
          .put("Endpoint", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":topic-sink"));
      aws.call("events", "PutRule", Json.object().put("Name", "shipped").put("EventPattern", "{\"source\":[\"shop\"]}"));
      ObjectNode targets = Json.object().put("Rule", "shipped");
      targets.putArray("Targets").addObject().put("Id", "sink").put("Arn", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":event-sink");
      aws.call("events", "PutTargets", targets);

      LocalTasks tasks = new LocalTasks(null, null, null, Map.of(), List.of(),
          Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString()));
      try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0).withTasks(tasks), m -> {});
          SfnClient sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()))) {
        String machine = sfn.createStateMachine(b -> b.name("services").definition(DEFINITION)
            .roleArn("arn:aws:iam::123456789012:role/nestflow-test")).stateMachineArn();
        String input = Json.write(Json.object().put("table", "orders").put("callbacks", callbacks)
            .put("shipments", shipments).put("topic", topic));
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input(input)).executionArn();
        DescribeExecutionResponse done = awaitEnd(sfn, execution);

        assertThat(done.status()).as(done.error() + ": " + done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(done.output());
        assertThat(output.path("callback").get(0)).isEqualTo(Json.parse("{\"answered\":true}"));
        assertThat(output.path("got").path("item").path("total")).isEqualTo(Json.parse("{\"N\":\"42\"}"));
      }
      ObjectNode key = Json.object().put("TableName", "orders");
      key.putObject("Key").putObject("id").put("S", "order-1");
      assertThat(aws.call("dynamodb", "GetItem", key).path("Item").path("total").path("N").asText()).isEqualTo("42");
      assertThat(receive(aws, shipments)).isEqualTo("{\"ship\":\"order-1\"}");
      assertThat(Json.parse(receive(aws, topicSink)).path("Message").asText()).isEqualTo("order-1 shipped");
      JsonNode event = Json.parse(receive(aws, eventSink));
      assertThat(event.path("detail-type").asText()).isEqualTo("Shipped");
      assertThat(event.path("detail")).isEqualTo(Json.parse("{\"order\":\"order-1\"}"));
      assertThat(event.path("resources").toString()).contains(":execution:services:");
    }
  }

  private static String queue(SdkServices aws, String name) {
    return aws.call("sqs", "CreateQueue", Json.object().put("QueueName", name)).path("QueueUrl").asText();
  }

  private static String receive(SdkServices aws, String queueUrl) {
    JsonNode messages = aws.call("sqs", "ReceiveMessage",
        Json.object().put("QueueUrl", queueUrl).put("MaxNumberOfMessages", 1).put("WaitTimeSeconds", 1)).path("Messages");
    assertThat(messages).as("a message in " + queueUrl).hasSize(1);
    return messages.get(0).path("Body").asText();
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(execution));
      if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
        return d;
      }
      Thread.sleep(200);
    }
  }
}
