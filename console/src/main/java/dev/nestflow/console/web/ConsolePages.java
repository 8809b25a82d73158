package dev.nestflow.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the console answers to a {@code GET}: its static page and assets (plain HTML, CSS and
 * JavaScript from the jar's resources; the page calls the Step Functions API itself with
 * {@code POST} and {@code X-Amz-Target}), and {@code /console/graph.svg?execution=ARN} or
 * {@code ?stateMachine=ARN}, the drawing made on this side because the layout library is Java.
 */
public final class ConsolePages {
  private static final String ROOT = "/dev/nestflow/console/web/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml; charset=utf-8",
      "png", "image/png");

  /** An answer: status, content type, body. */
  public record Page(int status, String contentType, byte[] body) {
    static Page text(int status, String message) {
      return new Page(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final SfnCalls api;

  public ConsolePages(SfnCalls api) {
    this.api = api;
  }

  /** Answers {@code GET path?query}. */
  public Page get(String path, String rawQuery) {
    if (path == null || path.isEmpty() || path.equals("/") || path.equals("/console") || path.equals("/console/")) {
      return asset("index.html");
    }
    if (path.equals("/console/graph.svg")) {
      return graph(query(rawQuery));
    }
    if (path.startsWith("/console/")) {
      String name = path.substring("/console/".length());
      if (name.matches("[a-z0-9-]+\\.(css|js|html|png|svg)")) {
        return asset(name);
      }
    }
    return Page.text(404, "Not found: " + path + " (the console is at /; the API takes POST with X-Amz-Target)");
  }

  private Page graph(Map<String, String> query) {
    try {
      String svg;
      if (query.containsKey("execution")) {
        svg = ExecutionGraph.ofExecution(api, query.get("execution"));
      } else if (query.containsKey("stateMachine")) {
        svg = ExecutionGraph.ofStateMachine(api, query.get("stateMachine"));
      } else {
        return Page.text(400, "graph.svg needs ?execution=ARN or ?stateMachine=ARN");
      }
      return new Page(200, TYPES.get("svg"), svg.getBytes(StandardCharsets.UTF_8));
    } catch (SfnCalls.Failure e) {
      return Page.text(e.type().contains("DoesNotExist") || e.type().contains("NotFound") ? 404 : 400,
          e.type() + ": " + e.getMessage());
    }
  }

  private static Page asset(String name) {
    try (InputStream in = ConsolePages.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return Page.text(404, "Not found: /console/" + name);
      }
      String ext = name.substring(name.lastIndexOf('.') + 1);
      return new Page(200, TYPES.get(ext), in.readAllBytes());
    } catch (IOException e) {
      return Page.text(500, "Cannot read " + name + ": " + e.getMessage());
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
