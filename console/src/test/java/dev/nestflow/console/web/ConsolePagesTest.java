package dev.nestflow.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsolePagesTest {
  private final ConsolePages pages = new ConsolePages((operation, request) -> {
    throw new SfnCalls.Failure("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + request.path("stateMachineArn").asText() + "'");
  });

  @Test
  void theRootIsThePageAndItsAssetsHaveTheirTypes() {
    ConsolePages.Page root = pages.get("/", null);
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.contentType()).startsWith("text/html");
    String html = new String(root.body(), StandardCharsets.UTF_8);
    assertThat(html).contains("/console/console.js").contains("/console/console.css");
    assertThat(pages.get("/console/console.js", null).contentType()).startsWith("text/javascript");
    assertThat(pages.get("/console/console.css", null).contentType()).startsWith("text/css");
  }

  @Test
  void unknownPathsAndPathTricksAreNotFound() {
    assertThat(pages.get("/console/../../etc/passwd", null).status()).isEqualTo(404);
    assertThat(pages.get("/console/nope.js", null).status()).isEqualTo(404);
    assertThat(pages.get("/favicon.ico", null).status()).isEqualTo(404);
  }

  @Test
  void theGraphOfAMissingStateMachineIsA404WithTheApiError() {
    ConsolePages.Page page = pages.get("/console/graph.svg", "stateMachine=arn%3Aaws%3Astates%3Aus-east-1%3A1%3AstateMachine%3AX");
    assertThat(page.status()).isEqualTo(404);
    assertThat(new String(page.body(), StandardCharsets.UTF_8))
        .isEqualTo("StateMachineDoesNotExist: State Machine Does Not Exist: 'arn:aws:states:us-east-1:1:stateMachine:X'");
    assertThat(pages.get("/console/graph.svg", null).status()).isEqualTo(400);
  }

  @Test
  void theGraphOfAStateMachineComesFromDescribeStateMachine() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ConsolePages served = new ConsolePages((operation, request) -> {
      assertThat(operation).isEqualTo("DescribeStateMachine");
      var answer = json.createObjectNode();
      answer.put("definition", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
      return answer;
    });
    ConsolePages.Page page = served.get("/console/graph.svg", "stateMachine=x");
    assertThat(page.status()).isEqualTo(200);
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("data-state=\"A\"");
  }
}
