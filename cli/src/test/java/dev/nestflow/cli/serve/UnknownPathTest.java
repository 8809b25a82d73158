package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** serve's port carries the API (POST) and the console (GET): a GET of neither is a 404 that says so. */
class UnknownPathTest {
  @Test
  void getOnAnUnknownPathIsNotFoundNotACrash() throws Exception {
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), m -> {})) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/nope")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("X-Amz-Target");
    }
  }
}
