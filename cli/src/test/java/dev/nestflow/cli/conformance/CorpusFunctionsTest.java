package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.infrastructure.tasks.LambdaInvocation;
import dev.nestflow.infrastructure.tasks.LambdaResponse;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import org.junit.jupiter.api.Test;

class CorpusFunctionsTest {
  private static LambdaResponse call(String kind, String payload) {
    LocalFunctions functions = new LocalFunctions("us-east-1", "123456789012").register("f", CorpusFunctions.handler(kind));
    return functions.invoke(LambdaInvocation.of("f", payload));
  }

  @Test
  void idFunctionAnswersWithPythonJsonDumps() {
    assertThat(call("id_function", "{\"a\":[1,2]}").payloadText()).isEqualTo("{\"a\": [1, 2]}");
  }

  @Test
  void idFunctionGetsAnEmptyObjectForAnEmptyPayload() {
    assertThat(call("id_function", "").payloadText()).isEqualTo("{}");
  }

  @Test
  void echoFunctionIgnoresItsInput() {
    assertThat(call("echo_function", "[1]").payloadText()).isEqualTo("{\"Return\": \"HelloWorld\"}");
  }

  @Test
  void returnBytesStrAnswersAJsonStringLiteral() {
    assertThat(call("return_bytes_str", "{}").payloadText()).isEqualTo("\"HelloWorld!\"");
  }

  @Test
  void raiseExceptionReturnsThePythonRuntimeErrorDocument() {
    LambdaResponse response = call("raise_exception", "{}");
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payloadText()).startsWith(
        "{\"errorMessage\": \"Some exception was raised.\", \"errorType\": \"Exception\", \"requestId\": \"");
    assertThat(response.payloadText()).endsWith(
        "\"stackTrace\": [\"  File \\\"/var/task/handler.py\\\", line 2, in handler\\n"
            + "    raise Exception(\\\"Some exception was raised.\\\")\\n\"]}");
  }

  @Test
  void largeOutputStringExceedsTheStepFunctionsPayloadLimit() {
    assertThat(call("large_output_string", "{}").payload().length).isGreaterThan(256 * 1024);
  }

  @Test
  void unknownFunctionFileHasNoHandler() {
    assertThat(CorpusFunctions.handler("no_such_file")).isNull();
    assertThat(CorpusFunctions.handler(null)).isNull();
  }
}
