package dev.nestflow.console.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every definition in examples/ and in the AWS-recorded conformance corpus (the cases' own, their
 * children's and their workers') draws without error, and its boxes are readable: no two sibling
 * boxes overlap, every nested box lies inside its parent. Corpus cases with a recorded history are
 * drawn coloured by it too, and the drawing names a status for every state.
 */
class EveryDefinitionDrawsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void examplesDrawWithoutOverlappingBoxes() throws Exception {
    Path examples = Path.of(System.getProperty("nestflow.root", "..")).resolve("examples");
    List<Path> files;
    try (Stream<Path> s = Files.walk(examples)) {
      files = s.filter(p -> p.toString().endsWith(".asl.json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (Path file : files) {
      JsonNode definition = JSON.readTree(file.toFile());
      DrawnGraph drawn = DrawnGraph.parse(SvgDrawing.svg(definition, null));
      assertThat(drawn.problems()).as(file.toString()).isEmpty();
      assertThat(drawn.states().stream().filter(r -> !r.label().startsWith("marker")).map(DrawnGraph.Rect::label))
          .as(file.toString()).containsAll(allStateNames(definition));
    }
  }

  @Test
  void everyCorpusDefinitionDrawsWithoutOverlappingBoxes() throws Exception {
    Path cases = Path.of(System.getProperty("nestflow.conformance.dir", "../../shared/conformance")).resolve("cases");
    List<Path> files;
    try (Stream<Path> s = Files.walk(cases)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(1000);
    int drawn = 0;
    int coloured = 0;
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      JsonNode c = JSON.readTree(file.toFile());
      List<JsonNode> definitions = new ArrayList<>();
      if (c.path("definition").isObject()) {
        definitions.add(c.get("definition"));
      }
      c.path("children").forEach(child -> collectDefinitions(child, definitions));
      c.path("workers").forEach(worker -> collectDefinitions(worker, definitions));
      for (int i = 0; i < definitions.size(); i++) {
        JsonNode history = i == 0 && c.path("history").isArray() && c.get("history").size() > 0 ? c.get("history") : null;
        String svg = SvgDrawing.svg(definitions.get(i), history);
        DrawnGraph graph = DrawnGraph.parse(svg);
        graph.problems().forEach(p -> problems.add(c.path("id").asText() + ": " + p));
        drawn++;
        if (history != null) {
          coloured++;
          for (DrawnGraph.Rect r : graph.states()) {
            if (!r.label().startsWith("marker") && !r.label().startsWith("Branch") && !r.label().startsWith("Item processor")) {
              if (r.status().isEmpty()) {
                problems.add(c.path("id").asText() + ": " + r.label() + " has no status");
              }
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(drawn).isGreaterThan(1000);
    assertThat(coloured).isGreaterThan(500);
  }

  private static void collectDefinitions(JsonNode holder, List<JsonNode> out) {
    if (holder.path("definition").isObject()) {
      out.add(holder.get("definition"));
    } else if (holder.isObject() && holder.has("States")) {
      out.add(holder);
    }
  }

  static List<String> allStateNames(JsonNode machine) {
    List<String> names = new ArrayList<>();
    machine.path("States").fields().forEachRemaining(e -> {
      names.add(e.getKey());
      e.getValue().path("Branches").forEach(b -> names.addAll(allStateNames(b)));
      JsonNode processor = e.getValue().has("ItemProcessor") ? e.getValue().get("ItemProcessor") : e.getValue().get("Iterator");
      if (processor != null) {
        names.addAll(allStateNames(processor));
      }
    });
    return names;
  }
}
