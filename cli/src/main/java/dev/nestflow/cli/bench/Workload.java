package dev.nestflow.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark workload directory: {@code definition.json}, {@code input.json},
 * {@code expected.json} and, optionally, {@code children.json} (child state machine name to
 * definition file) for workloads that start nested executions.
 *
 * @param children child state machine name to definition text
 */
public record Workload(String name, String definitionText, String inputText, JsonNode expected, Map<String, String> children) {

  public Workload {
    children = Map.copyOf(children);
  }

  public static Workload load(Path dir) {
    Path children = dir.resolve("children.json");
    Map<String, String> childDefinitions = new LinkedHashMap<>();
    if (Files.exists(children)) {
      JsonNode names = Json.parse(read(children));
      for (Iterator<Map.Entry<String, JsonNode>> it = names.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        childDefinitions.put(e.getKey(), read(dir.resolve(e.getValue().asText())));
      }
    }
    return new Workload(
        dir.toAbsolutePath().normalize().getFileName().toString(),
        read(dir.resolve("definition.json")),
        read(dir.resolve("input.json")),
        Json.parse(read(dir.resolve("expected.json"))),
        childDefinitions);
  }

  /** Whether the workload starts child executions (and so needs the runtime, not the bare interpreter). */
  public boolean nested() {
    return !children.isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
