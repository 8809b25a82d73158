package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** serve answers a GET with its web console, and the API stays on POST with X-Amz-Target. */
class ConsoleRoutesTest {
  @Test
  void getServesTheConsoleAnUnknownPathIsNotFoundAndPostIsStillTheApi() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), line -> {})) {
      String base = "http://127.0.0.1:" + service.port();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(page.body()).contains("nestflow console");

      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("X-Amz-Target");

      HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
          .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines").header("Content-Type", "application/x-amz-json-1.0")
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(api.body()).contains("\"stateMachines\"");
    }
  }
}
