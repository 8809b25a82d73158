package dev.nestflow.cli.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.console.web.SfnCalls;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.api.SfnApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link SfnCalls} over the API router in this process, or over HTTP to an endpoint (serve, proxy). */
public final class ApiCalls {
  private ApiCalls() {}

  public static SfnCalls inProcess(SfnApi api) {
    return (operation, request) -> {
      SfnApi.Response r = api.handle(SfnApi.TARGET_PREFIX + operation,
          Json.write(request).getBytes(StandardCharsets.UTF_8));
      return answer(r.status(), r.body());
    };
  }

  public static SfnCalls http(URI endpoint) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return (operation, request) -> {
      HttpRequest post = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
          .header("Content-Type", SfnApi.CONTENT_TYPE)
          .header("X-Amz-Target", SfnApi.TARGET_PREFIX + operation)
          .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build();
      try {
        HttpResponse<String> r = client.send(post, HttpResponse.BodyHandlers.ofString());
        return answer(r.statusCode(), r.body());
      } catch (IOException e) {
        throw new SfnCalls.Failure("EndpointUnreachable", "cannot reach " + endpoint + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SfnCalls.Failure("Interrupted", "interrupted while calling " + endpoint);
      }
    };
  }

  static JsonNode answer(int status, String body) {
    JsonNode json;
    try {
      json = Json.parse(body);
    } catch (RuntimeException e) {
      throw new SfnCalls.Failure("MalformedResponse", "HTTP " + status + ": " + body);
    }
    if (status != 200) {
      String type = json.path("__type").asText("HTTP " + status);
      throw new SfnCalls.Failure(type.substring(type.lastIndexOf('#') + 1), json.path("message").asText(body));
    }
    return json;
  }

  /** For callers that build requests by hand. */
  public static ObjectNode request(String field, String value) {
    ObjectNode r = Json.object();
    r.put(field, value);
    return r;
  }
}
