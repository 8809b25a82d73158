package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaIntegrationTest {
  private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn";
  private static final String INVOKE = "arn:aws:states:::lambda:invoke";

  private final List<LambdaInvocation> calls = new ArrayList<>();

  /**
   * A registry of the Lambda integration over a fake service that answers every call with {@code
   * body} (and {@code functionError}), then a catch-all that fails with "Other".
   */
  private TaskInvoker answering(String body, String functionError) {
    return TaskIntegrations.builder().add(new LambdaIntegration(call -> {
      calls.add(call);
      return new LambdaResponse(200, "$LATEST", functionError, body.getBytes(StandardCharsets.UTF_8), null, "req-1",
          Map.of("Content-Length", List.of(Integer.toString(body.length())), "x-amzn-RequestId", List.of("req-1")));
    })).add(new TaskIntegration() {
      @Override
      public boolean handles(String resource) {
        return true;
      }

      @Override
      public TaskOutcome invoke(TaskRequest request) {
        return new TaskOutcome.Failed("Other", request.resource());
      }
    }).build();
  }

  private static TaskRequest request(String resource, String input) {
    return new TaskRequest("arn:exec", "task-1", "State", resource, Json.parse(input), null);
  }

  @Test
  void functionArnResourceSendsTheInputAndReturnsTheParsedPayload() {
    TaskOutcome outcome = answering("{\"a\": 1}", null).invoke(request(FUNCTION_ARN, "{\"x\":[1]}"));
    assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(Json.parse("{\"a\":1}")));
    assertThat(calls.get(0).functionName()).isEqualTo(FUNCTION_ARN);
    assertThat(calls.get(0).payloadText()).isEqualTo("{\"x\":[1]}");
  }

  @Test
  void functionArnErrorUsesErrorTypeAndTheDocumentAsReturned() {
    String doc = "{\"errorMessage\": \"m\", \"errorType\": \"Exception\"}";
    TaskOutcome outcome = answering(doc, "Unhandled").invoke(request(FUNCTION_ARN, "{}"));
    assertThat(outcome).isEqualTo(new TaskOutcome.Failed("Exception", doc));
  }

  @Test
  void errorDocumentWithoutErrorTypeIsLambdaUnknown() {
    TaskOutcome outcome = answering("{\"errorMessage\": \"Task timed out\"}", "Unhandled").invoke(request(FUNCTION_ARN, "{}"));
    assertThat(((TaskOutcome.Failed) outcome).error()).isEqualTo("Lambda.Unknown");
  }

  @Test
  void payloadThatIsNotJsonIsKeptAsAString() {
    TaskOutcome outcome = answering("hello", null).invoke(request(FUNCTION_ARN, "{}"));
    assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(Json.NODES.textNode("hello")));
  }

  @Test
  void invokeIntegrationReturnsTheInvokeResponseShape() {
    TaskOutcome outcome = answering("\"HelloWorld!\"", null)
        .invoke(request(INVOKE, "{\"FunctionName\":\"fn\",\"Payload\":{\"k\":\"v\"}}"));
    JsonNode result = ((TaskOutcome.Succeeded) outcome).output();
    assertThat(result.fieldNames()).toIterable()
        .containsExactly("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode");
    assertThat(result.get("Payload").asText()).isEqualTo("HelloWorld!");
    assertThat(result.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.at("/SdkResponseMetadata/RequestId").asText()).isEqualTo("req-1");
    assertThat(result.at("/SdkHttpMetadata/AllHttpHeaders/Content-Length/0").asText()).isEqualTo("13");
    assertThat(result.at("/SdkHttpMetadata/HttpHeaders/Content-Length").asText()).isEqualTo("13");
    assertThat(result.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(calls.get(0).payloadText()).isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void stringPayloadIsSentAsItsTextAndNullPayloadAsNoBody() {
    TaskInvoker integration = answering("{}", null);
    integration.invoke(request(INVOKE, "{\"FunctionName\":\"fn\",\"Payload\":\"0.0\"}"));
    integration.invoke(request(INVOKE, "{\"FunctionName\":\"fn\",\"Payload\":null}"));
    assertThat(calls.get(0).payloadText()).isEqualTo("0.0");
    assertThat(calls.get(1).payload()).isEmpty();
  }

  @Test
  void invokeParametersReachTheCall() {
    answering("{}", null).invoke(request(INVOKE,
        "{\"FunctionName\":\"fn\",\"Qualifier\":\"prod\",\"InvocationType\":\"Event\",\"ClientContext\":\"e30=\",\"LogType\":\"Tail\"}"));
    LambdaInvocation call = calls.get(0);
    assertThat(call.qualifier()).isEqualTo("prod");
    assertThat(call.invocationType()).isEqualTo("Event");
    assertThat(call.clientContext()).isEqualTo("e30=");
    assertThat(call.logType()).isEqualTo("Tail");
  }

  @Test
  void invokeFunctionErrorCauseIsTheDocumentAsCompactJson() {
    TaskOutcome outcome = answering("{\"errorMessage\": \"\", \"errorType\": \"CustomException\"}", "Unhandled")
        .invoke(request(INVOKE, "{\"FunctionName\":\"fn\"}"));
    assertThat(outcome).isEqualTo(
        new TaskOutcome.Failed("CustomException", "{\"errorMessage\":\"\",\"errorType\":\"CustomException\"}"));
  }

  @Test
  void refusedCallFailsWithLambdaPrefixedCodeAndSdkSummary() {
    LambdaIntegration integration = new LambdaIntegration(call -> {
      throw new LambdaServiceException("ResourceNotFoundException", 404, "Function not found: arn:x:$LATEST", "r-9");
    });
    TaskOutcome outcome = integration.invoke(request(INVOKE, "{\"FunctionName\":\"x\"}"));
    assertThat(outcome).isEqualTo(new TaskOutcome.Failed("Lambda.ResourceNotFoundException",
        "Function not found: arn:x:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;"
            + " Request ID: r-9; Proxy: null)"));
  }

  @Test
  void waitForTaskTokenInvokesAndThenWaits() {
    TaskOutcome outcome = answering("{}", null)
        .invoke(request(INVOKE + ".waitForTaskToken", "{\"FunctionName\":\"fn\",\"Payload\":{\"token\":\"t\"}}"));
    assertThat(outcome).isInstanceOf(TaskOutcome.Pending.class);
    assertThat(calls).hasSize(1);
  }

  @Test
  void otherResourcesGoToTheNextIntegrationOfTheRegistry() {
    TaskOutcome outcome = answering("{}", null).invoke(request("arn:aws:states:::sqs:sendMessage", "{}"));
    assertThat(outcome).isEqualTo(new TaskOutcome.Failed("Other", "arn:aws:states:::sqs:sendMessage"));
    assertThat(calls).isEmpty();
    assertThat(LambdaIntegration.serves("arn:aws:states:::sqs:sendMessage")).isFalse();
    assertThat(LambdaIntegration.serves(INVOKE)).isTrue();
    assertThat(LambdaIntegration.serves(FUNCTION_ARN)).isTrue();
  }

  @Test
  void handlerAdapterThrowsFailuresAsStatesExceptions() {
    TaskInvokerHandler handler = new TaskInvokerHandler(answering("{\"errorType\":\"E\"}", "Unhandled"), "arn:exec");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(
            new dev.nestflow.core.interpreter.Effect.InvokeTask("k", "S", FUNCTION_ARN, Json.object(), null, null, null)))
        .isInstanceOfSatisfying(dev.nestflow.core.errors.StatesException.class, e -> assertThat(e.error()).isEqualTo("E"));
  }

  @Test
  void aLambdaTaskRunsAtMostItsFunctionsTimeoutAndAnAsynchronousInvokeNoTimeAtAll() {
    LambdaFunction functions = new LambdaFunction() {
      @Override
      public LambdaResponse invoke(LambdaInvocation invocation) {
        throw new AssertionError("not invoked");
      }

      @Override
      public java.util.Optional<java.time.Duration> longestRun(String functionName, String qualifier) {
        return java.util.Optional.of(java.time.Duration.ofSeconds(functionName.length() + (qualifier == null ? 0 : 100)));
      }
    };
    LambdaIntegration lambda = new LambdaIntegration(functions);

    assertThat(lambda.longestRun("arn:aws:lambda:us-east-1:123456789012:function:abc", null))
        .contains(java.time.Duration.ofSeconds("arn:aws:lambda:us-east-1:123456789012:function:abc".length()));
    assertThat(lambda.longestRun("arn:aws:states:::lambda:invoke", Json.parse("{\"FunctionName\":\"abcd\",\"Qualifier\":\"v1\"}")))
        .contains(java.time.Duration.ofSeconds(104));
    assertThat(lambda.longestRun("arn:aws:states:::lambda:invoke",
        Json.parse("{\"FunctionName\":\"abcd\",\"InvocationType\":\"Event\"}"))).contains(java.time.Duration.ZERO);
    assertThat(lambda.longestRun("arn:aws:states:::sqs:sendMessage", Json.object())).isEmpty();
  }
}
