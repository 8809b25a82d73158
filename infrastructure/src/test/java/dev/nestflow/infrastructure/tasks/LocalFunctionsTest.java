package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalFunctionsTest {
  private final List<String> events = new ArrayList<>();
  private final LocalFunctions functions =
      new LocalFunctions("us-east-1", "123456789012", Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC),
              () -> "11111111-2222-3333-4444-555555555555")
          .register("echo", (event, context) -> {
            events.add(new String(event, StandardCharsets.UTF_8));
            return event;
          })
          .register("boom", (event, context) -> {
            throw new LocalFunctions.FunctionError("{\"errorType\":\"Boom\"}".getBytes(StandardCharsets.UTF_8));
          });

  @Test
  void emptyPayloadReachesTheHandlerAsAnEmptyObject() {
    LambdaResponse response = functions.invoke(LambdaInvocation.of("echo", ""));
    assertThat(events).containsExactly("{}");
    assertThat(response.payloadText()).isEqualTo("{}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
  }

  @Test
  void functionIsFoundByArnAndPartialArn() {
    functions.invoke(LambdaInvocation.of("arn:aws:lambda:us-east-1:123456789012:function:echo", "1"));
    functions.invoke(LambdaInvocation.of("123456789012:function:echo:3", "2"));
    assertThat(events).containsExactly("1", "2");
  }

  @Test
  void numericQualifierIsTheExecutedVersion() {
    LambdaResponse response = functions.invoke(
        new LambdaInvocation("echo", "4", null, "{}".getBytes(StandardCharsets.UTF_8), null, null));
    assertThat(response.executedVersion()).isEqualTo("4");
  }

  @Test
  void unknownFunctionIsResourceNotFoundNamingTheLatestArn() {
    assertThatThrownBy(() -> functions.invoke(LambdaInvocation.of("nope", "{}")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.getMessage())
              .isEqualTo("Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST");
        });
  }

  @Test
  void qualifierInTheNameMustAgreeWithTheExplicitOne() {
    assertThatThrownBy(() -> functions.invoke(
            new LambdaInvocation("echo:1", "2", null, new byte[0], null, null)))
        .isInstanceOfSatisfying(LambdaServiceException.class,
            e -> assertThat(e.errorCode()).isEqualTo("InvalidParameterValueException"));
  }

  @Test
  void payloadThatIsNotJsonIsRefused() {
    assertThatThrownBy(() -> functions.invoke(LambdaInvocation.of("echo", "not json")))
        .isInstanceOfSatisfying(LambdaServiceException.class,
            e -> assertThat(e.errorCode()).isEqualTo("InvalidRequestContentException"));
    assertThat(events).isEmpty();
  }

  @Test
  void raisedErrorIsAnUnhandledFunctionErrorWithTheDocument() {
    LambdaResponse response = functions.invoke(LambdaInvocation.of("boom", "{}"));
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payloadText()).isEqualTo("{\"errorType\":\"Boom\"}");
  }

  @Test
  void jsonHandlerTurnsAnExceptionIntoAJavaRuntimeErrorDocument() {
    functions.register("fails", LocalFunctions.json(event -> {
      throw new IllegalArgumentException("bad input");
    }));
    LambdaResponse response = functions.invoke(LambdaInvocation.of("fails", "{}"));
    assertThat(Json.parse(response.payloadText()).get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(Json.parse(response.payloadText()).get("errorMessage").asText()).isEqualTo("bad input");
  }

  @Test
  void eventInvocationRunsTheFunctionAndAnswers202WithoutPayload() {
    LambdaResponse response = functions.invoke(
        new LambdaInvocation("echo", null, LambdaInvocation.EVENT, "5".getBytes(StandardCharsets.UTF_8), null, null));
    assertThat(events).containsExactly("5");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.payload()).isEmpty();
  }

  @Test
  void dryRunAnswers204WithoutRunningTheFunction() {
    LambdaResponse response = functions.invoke(
        new LambdaInvocation("echo", null, LambdaInvocation.DRY_RUN, new byte[0], null, null));
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(events).isEmpty();
  }

  @Test
  void responseHeadersCarryLengthVersionAndRequestId() {
    LambdaResponse response = functions.invoke(LambdaInvocation.of("echo", "[1,2]"));
    assertThat(response.headers().get("Content-Length")).containsExactly("5");
    assertThat(response.headers().get("X-Amz-Executed-Version")).containsExactly("$LATEST");
    assertThat(response.headers().get("x-amzn-RequestId")).containsExactly("11111111-2222-3333-4444-555555555555");
    assertThat(response.headers().get("Date")).containsExactly("Thu, 2 Jan 2025 03:04:05 GMT");
  }

  @Test
  void tailLogTypeReturnsTheLogTailInBase64() {
    LambdaResponse response = functions.invoke(
        new LambdaInvocation("echo", null, null, new byte[0], null, "Tail"));
    assertThat(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8))
        .startsWith("START RequestId: 11111111-2222-3333-4444-555555555555 Version: $LATEST");
    assertThat(response.headers().get("X-Amz-Log-Result")).containsExactly(response.logResult());
  }
}
