package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.SfnApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The API function answers requests through its Function URL only, never a plain invocation. */
class ApiHandlerTest {
  private static final ObjectMapper EVENTS = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final AtomicInteger built = new AtomicInteger();
  private final Supplier<SfnApi> api = () -> {
    built.incrementAndGet();
    throw new AssertionError("a refused invocation must not reach the API");
  };

  private static APIGatewayV2HTTPEvent event(String json) throws Exception {
    return EVENTS.readValue(json, APIGatewayV2HTTPEvent.class);
  }

  @Test
  void aPlainInvocationIsRefusedWithoutReachingTheApi() throws Exception {
    String urlEvent = Files.readString(Path.of("..", "events", "ApiFunction.json"));
    for (String plain : new String[] {
        "{}",
        "{\"headers\":{\"x-amz-target\":\"AWSStepFunctions.StartExecution\"},\"body\":\"{}\"}",
        // the URL's shape without the caller's IAM identity (what an AWS_IAM URL always adds)
        urlEvent.replaceFirst("\"authorizer\": \\{[^}]*\\}\\s*},", "")}) {
      APIGatewayV2HTTPResponse response = new ApiHandler(api).handleRequest(event(plain), null);
      assertThat(response.getStatusCode()).isEqualTo(403);
      assertThat(Json.parse(response.getBody()).path("__type").asText()).isEqualTo("AccessDeniedException");
    }
    assertThat(built).hasValue(0);
  }

  @Test
  void aFunctionUrlRequestIsRecognised() throws Exception {
    assertThat(ApiHandler.viaFunctionUrl(event(Files.readString(Path.of("..", "events", "ApiFunction.json"))))).isTrue();
  }
}
