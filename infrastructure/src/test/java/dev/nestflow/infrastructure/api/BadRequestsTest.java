package dev.nestflow.infrastructure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests AWS refuses get AWS's error type and message on HTTP 400, never a 500, and start nothing. */
class BadRequestsTest {
  static ApiServer service;
  static HttpClient http = HttpClient.newHttpClient();
  static String sm;

  @BeforeAll
  static void start() throws Exception {
    service = ApiServer.start();
    JsonNode created = ok("CreateStateMachine", "{\"name\":\"Target\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\","
        + "\"definition\":" + Json.MAPPER.writeValueAsString(SfnClientIntegrationTest.WAIT_LONG) + "}");
    sm = created.path("stateMachineArn").asText();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  record Answer(int status, String type, String message, JsonNode body) {}

  static Answer call(String target, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = Json.parse(response.body());
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
    return new Answer(response.statusCode(), json.path("__type").asText(), json.path("message").asText(), json);
  }

  static JsonNode ok(String operation, String body) throws Exception {
    Answer a = call("AWSStepFunctions." + operation, body);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a.body();
  }

  static Answer fails(String operation, String body) throws Exception {
    Answer a = call(operation == null ? null : "AWSStepFunctions." + operation, body);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(400);
    return a;
  }

  private static void noExecutions() throws Exception {
    assertThat(ok("ListExecutions", "{\"stateMachineArn\":\"" + sm + "\"}").path("executions")).isEmpty();
  }

  @Test
  void malformedJsonBodyIsASerializationException() throws Exception {
    Answer a = fails("StartExecution", "{\"stateMachineArn\": ");
    assertThat(a.type()).isEqualTo("com.amazon.coral.service#SerializationException");
    Answer notObject = fails("StartExecution", "[1,2]");
    assertThat(notObject.type()).isEqualTo("com.amazon.coral.service#SerializationException");
    Answer wrongType = fails("StartExecution", "{\"stateMachineArn\": 12}");
    assertThat(wrongType.type()).isEqualTo("com.amazon.coral.service#SerializationException");
    noExecutions();
  }

  @Test
  void wrongMemberTypeIsASerializationExceptionNamingTheSentType() throws Exception {
    String arn = "\"stateMachineArn\":\"" + sm + "\"";
    assertThat(fails("ListExecutions", "{" + arn + ",\"maxResults\":\"5\"}").message())
        .isEqualTo("STRING_VALUE can not be converted to an Integer");
    assertThat(fails("ListExecutions", "{" + arn + ",\"maxResults\":true}").message())
        .isEqualTo("TRUE_VALUE can not be converted to an Integer");
    assertThat(fails("StartExecution", "{" + arn + ",\"name\":12}").message())
        .isEqualTo("NUMBER_VALUE can not be converted to a String");
    assertThat(fails("StartExecution", "{" + arn + ",\"name\":false}").message())
        .isEqualTo("FALSE_VALUE can not be converted to a String");
    assertThat(fails("StartExecution", "{" + arn + ",\"name\":[1]}").message())
        .isEqualTo("Start of list found where not expected");
    assertThat(fails("StartExecution", "{" + arn + ",\"name\":{}}").message())
        .isEqualTo("Start of structure or map found where not expected.");
    noExecutions();
  }

  @Test
  void redriveFilterRedrivenListsNoneOfTheNeverRedrivenExecutions() throws Exception {
    JsonNode created = ok("CreateStateMachine", "{\"name\":\"RedriveFilter\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\","
        + "\"definition\":" + Json.MAPPER.writeValueAsString(SfnClientIntegrationTest.PASS) + "}");
    String arn = "\"stateMachineArn\":\"" + created.path("stateMachineArn").asText() + "\"";
    ok("StartExecution", "{" + arn + ",\"name\":\"never-redriven\"}");

    assertThat(ok("ListExecutions", "{" + arn + ",\"redriveFilter\":\"REDRIVEN\"}").path("executions")).isEmpty();
    assertThat(ok("ListExecutions", "{" + arn + ",\"redriveFilter\":\"NOT_REDRIVEN\"}").path("executions"))
        .extracting(e -> e.path("name").asText()).containsExactly("never-redriven");
    assertThat(ok("ListExecutions", "{" + arn + "}").path("executions")).hasSize(1);
  }

  @Test
  void unknownOrMissingOperationIsUnknownOperationException() throws Exception {
    assertThat(call("AWSStepFunctions.LaunchRocket", "{}").type()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    assertThat(call(null, "{}").type()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    assertThat(call("Other.StartExecution", "{}").status()).isEqualTo(400);
  }

  @Test
  void missingRequiredMemberIsAValidationException() throws Exception {
    Answer a = fails("StartExecution", "{}");
    assertThat(a.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
    assertThat(a.message()).isEqualTo(
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void oversizedInputIsRefusedAndStartsNothing() throws Exception {
    String big = "{\"a\":\"" + "x".repeat(262_144) + "\"}";
    Answer a = fails("StartExecution", "{\"stateMachineArn\":\"" + sm + "\",\"input\":" + Json.MAPPER.writeValueAsString(big) + "}");
    assertThat(a.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
    assertThat(a.message()).contains("Member must have length less than or equal to 262144");
    noExecutions();
  }

  @Test
  void oversizedBodyIsRefused() throws Exception {
    Answer a = fails("StartExecution", "{\"input\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}");
    assertThat(a.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
    noExecutions();
  }

  @Test
  void invalidInputStartsNothing() throws Exception {
    Answer a = fails("StartExecution", "{\"stateMachineArn\":\"" + sm + "\",\"input\":\"{oops\"}");
    assertThat(a.type()).isEqualTo("com.amazonaws.swf.service.v2.model#InvalidExecutionInput");
    assertThat(a.message()).startsWith("Invalid State Machine Execution Input: '");
    Answer name = fails("StartExecution", "{\"stateMachineArn\":\"" + sm + "\",\"name\":\"a b\"}");
    assertThat(name.type()).endsWith("#InvalidName");
    noExecutions();
  }

  @Test
  void forgedAndExpiredTokensAreRefused() throws Exception {
    Answer forged = fails("SendTaskSuccess", "{\"taskToken\":\"AAAAforgedAAAA\",\"output\":\"{}\"}");
    assertThat(forged.type()).isEqualTo("com.amazonaws.swf.service.v2.model#InvalidToken");
    Answer tooLong = fails("SendTaskHeartbeat", "{\"taskToken\":\"" + "t".repeat(2049) + "\"}");
    assertThat(tooLong.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
    Answer failure = fails("SendTaskFailure", "{\"taskToken\":\"AAAAforgedAAAA\",\"error\":\"" + "e".repeat(257) + "\"}");
    assertThat(failure.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
  }

  @Test
  void wrongArnFormatsAreInvalidArn() throws Exception {
    Answer a = fails("DescribeExecution", "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:Target\"}");
    assertThat(a.type()).endsWith("#InvalidArn");
    assertThat(a.message()).isEqualTo("Invalid Arn: 'Resource type not valid in this context: stateMachine'");
    Answer b = fails("StopExecution", "{\"executionArn\":\"garbage\"}");
    assertThat(b.message()).isEqualTo("Invalid Arn: 'Invalid ARN prefix: garbage'");
    Answer c = fails("GetExecutionHistory", "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:Target\"}");
    assertThat(c.type()).endsWith("#InvalidArn");
    Answer d = fails("StartExecution", "{\"stateMachineArn\":\"arn:aws:lambda:us-east-1:123456789012:function:f\"}");
    assertThat(d.type()).endsWith("#InvalidArn");
    noExecutions();
  }

  @Test
  void aRequestWithoutATargetIsAnErrorNotACrash() throws Exception {
    // the router's answer to a GET (serve answers GETs with its web console before they reach the router)
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Missing X-Amz-Target header");
  }
}
