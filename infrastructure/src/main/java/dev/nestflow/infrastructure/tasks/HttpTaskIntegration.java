package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.TaskResource;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP Task {@code arn:aws:states:::http:invoke}: Parameters {@code ApiEndpoint}, {@code
 * Method}, {@code Headers}, {@code QueryParameters}, {@code RequestBody} (an object is sent as JSON,
 * or form-encoded with {@code Transform.RequestBodyEncoding: URL_ENCODED}); the result is {@code
 * Headers} (name -> values), {@code ResponseBody} (parsed when JSON), {@code StatusCode}, {@code
 * StatusText}. A status outside 2xx fails with {@code States.Http.StatusCode.<code>}, the response
 * as cause. {@code Authentication.ConnectionArn} is not resolved: nestflow sends no credentials of
 * an EventBridge connection (put what the API needs into {@code Headers}).
 */
public final class HttpTaskIntegration implements TaskIntegration {
  /** Built on the first HTTP Task (its selector thread is no part of a cold start). */
  private volatile HttpClient http;

  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        client = http;
      }
    }
    return client;
  }

  @Override
  public boolean handles(String resource) {
    TaskResource r = TaskResource.parse(resource);
    return r.kind() == TaskResource.Kind.SERVICE && "http".equals(r.resourceType()) && "invoke".equals(r.resourceName());
  }

  @Override
  public TaskOutcome invoke(TaskRequest request) {
    JsonNode p = request.input() == null ? Json.object() : request.input();
    String endpoint = p.path("ApiEndpoint").asText("");
    String method = p.path("Method").asText("GET").toUpperCase(java.util.Locale.ROOT);
    StringJoiner query = new StringJoiner("&");
    fields(p.path("QueryParameters")).forEachRemaining(e -> query.add(encode(e.getKey()) + "=" + encode(text(e.getValue()))));
    URI uri;
    try {
      uri = URI.create(query.length() == 0 ? endpoint : endpoint + (endpoint.contains("?") ? "&" : "?") + query);
    } catch (IllegalArgumentException e) {
      return new TaskOutcome.Failed("States.Runtime", "The ApiEndpoint '" + endpoint + "' is not a valid URL.");
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    fields(p.path("Headers")).forEachRemaining(e -> builder.header(e.getKey(), text(e.getValue())));
    JsonNode body = p.get("RequestBody");
    String bodyText = null;
    if (body != null && !body.isNull()) {
      if (body.isObject() && "URL_ENCODED".equals(p.path("Transform").path("RequestBodyEncoding").asText())) {
        StringJoiner form = new StringJoiner("&");
        fields(body).forEachRemaining(e -> form.add(encode(e.getKey()) + "=" + encode(text(e.getValue()))));
        bodyText = form.toString();
        builder.header("Content-Type", "application/x-www-form-urlencoded");
      } else {
        bodyText = text(body);
        if (!body.isTextual() && p.path("Headers").path("Content-Type").isMissingNode()) {
          builder.header("Content-Type", "application/json");
        }
      }
    }
    builder.method(method, bodyText == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(bodyText, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = http().send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new TaskOutcome.Failed("States.Http.Socket", "Unable to reach " + uri + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TaskOutcome.Failed("States.Http.Socket", "Interrupted while calling " + uri);
    }
    ObjectNode result = Json.object();
    ObjectNode headers = result.putObject("Headers");
    response.headers().map().forEach((name, values) -> {
      var array = headers.putArray(name);
      values.forEach(array::add);
    });
    result.set("ResponseBody", bodyValue(response.body()));
    result.put("StatusCode", Integer.toString(response.statusCode()));
    result.put("StatusText", statusText(response.statusCode()));
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      return new TaskOutcome.Failed("States.Http.StatusCode." + response.statusCode(), Json.write(result));
    }
    return new TaskOutcome.Succeeded(result);
  }

  private static JsonNode bodyValue(String text) {
    if (text == null || text.isEmpty()) {
      return Json.NODES.textNode("");
    }
    try {
      return Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      return Json.NODES.textNode(text);
    }
  }

  private static String statusText(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node.isObject() ? node.fields() : java.util.Collections.emptyIterator();
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : Json.write(value);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
