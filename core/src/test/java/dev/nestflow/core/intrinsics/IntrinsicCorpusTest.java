package dev.nestflow.core.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the intrinsics against the AWS-recorded corpus: every JSONPath case of
 * {@code intrinsic_functions} that is a single Pass state with {@code .$} Parameters is evaluated
 * here and compared with the recorded output (or error and cause); intrinsic texts of other
 * executions must parse, and those of rejected definitions must not.
 */
class IntrinsicCorpusTest {
  private static final String ACCOUNT_ARN = "arn:<partition>:states:<region>:111111111111:";

  private static Path corpus() {
    String configured = System.getProperty("nestflow.conformance.dir");
    Path dir =
        configured != null
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().getParent().resolve("../shared/conformance").normalize();
    Assumptions.assumeTrue(Files.isDirectory(dir.resolve("cases")), "no conformance corpus at " + dir);
    return dir;
  }

  private static List<Path> cases(String area) {
    try (Stream<Path> files = Files.list(corpus().resolve("cases").resolve(area))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> allCases() {
    try (Stream<Path> files = Files.walk(corpus().resolve("cases"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> singlePassStateCasesGiveTheRecordedResult() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : cases("intrinsic_functions")) {
      JsonNode c = read(file);
      JsonNode state = singlePassStateWithParameters(c);
      if (state != null) {
        tests.add(DynamicTest.dynamicTest(c.path("id").asText(), () -> checkPassCase(c, state)));
      }
    }
    assertThat(tests).as("corpus cases found").isNotEmpty();
    return tests.stream();
  }

  private static JsonNode singlePassStateWithParameters(JsonNode c) {
    JsonNode definition = c.path("definition");
    if (!"execution".equals(c.path("kind").asText()) || isJsonata(definition)) {
      return null;
    }
    JsonNode states = definition.path("States");
    if (states.size() != 1) {
      return null;
    }
    JsonNode state = states.elements().next();
    boolean pass = "Pass".equals(state.path("Type").asText()) && state.path("Parameters").isObject();
    return pass && !isJsonata(state) ? state : null;
  }

  private static boolean isJsonata(JsonNode node) {
    return "JSONata".equals(node.path("QueryLanguage").asText());
  }

  private static void checkPassCase(JsonNode c, JsonNode state) {
    JsonNode input = c.path("input");
    JsonPathResolver paths = new JsonPathResolver(input.isObject() ? input : Json.object(), context(input), Map.of());
    JsonNode expected = c.path("expected");
    if ("SUCCEEDED".equals(expected.path("status").asText())) {
      JsonNode output = resultAndOutputPath(state, input, parameters(state.path("Parameters"), paths));
      assertThat(matches(expected.path("output"), output))
          .as("output %s, expected %s", output, expected.path("output"))
          .isTrue();
    } else {
      StatesException e =
          catchThrowableOfType(StatesException.class, () -> parameters(state.path("Parameters"), paths));
      assertThat(e).as("expected a failure").isNotNull();
      assertThat(e.error()).isEqualTo(expected.path("error").asText());
      assertThat(e.cause()).isEqualTo(expected.path("cause").asText());
    }
  }

  /** Just enough ResultPath ({@code $} or {@code $.name}) and OutputPath for the corpus cases. */
  private static JsonNode resultAndOutputPath(JsonNode state, JsonNode input, JsonNode result) {
    String resultPath = state.path("ResultPath").asText("$");
    JsonNode combined = result;
    if (!resultPath.equals("$")) {
      assertThat(resultPath).matches("\\$\\.[A-Za-z_]+");
      ObjectNode copy = input.deepCopy();
      copy.set(resultPath.substring(2), result);
      combined = copy;
    }
    String outputPath = state.path("OutputPath").asText("$");
    return new JsonPathResolver(combined, Json.object(), Map.of()).resolve(outputPath);
  }

  /** The context object as the recorder anonymised it (names and ARNs are placeholders). */
  private static JsonNode context(JsonNode input) {
    ObjectNode context = Json.object();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", ACCOUNT_ARN + "execution:<ArnPart_0idx>:<ExecArnPart_0idx>");
    execution.put("Name", "<ExecArnPart_0idx>");
    execution.set("Input", input);
    ObjectNode machine = context.putObject("StateMachine");
    machine.put("Id", ACCOUNT_ARN + "stateMachine:<ArnPart_0idx>");
    machine.put("Name", "<ArnPart_0idx>");
    return context;
  }

  /** A minimal payload template: {@code .$} members are paths or intrinsic calls, others literal. */
  private static JsonNode parameters(JsonNode template, JsonPathResolver paths) {
    if (!template.isObject()) {
      return template;
    }
    ObjectNode out = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (key.endsWith(".$")) {
        String text = field.getValue().asText();
        out.set(
            key.substring(0, key.length() - 2),
            IntrinsicParser.looksLikeIntrinsic(text)
                ? IntrinsicParser.parse(text).evaluate(paths, new SplittableRandom(11))
                : paths.resolve(text));
      } else {
        out.set(key, parameters(field.getValue(), paths));
      }
    }
    return out;
  }

  /** Corpus comparison: numbers by value, object order ignored, recorder wildcards accepted. */
  private static boolean matches(JsonNode expected, JsonNode actual) {
    if (expected.isTextual()) {
      String e = expected.textValue();
      if (e.equals("RandomNumberGenerated")) {
        return actual.isIntegralNumber();
      }
      if (e.equals("generated-uuid") || e.matches("<uuid:\\d+>")) {
        return actual.isTextual()
            && actual.textValue().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      }
      return actual.isTextual() && e.equals(actual.textValue());
    }
    if (expected.isNumber()) {
      return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!matches(expected.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isObject()) {
      if (!actual.isObject() || actual.size() != expected.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!actual.has(field.getKey()) || !matches(field.getValue(), actual.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }

  @TestFactory
  Stream<DynamicTest> intrinsicTextsOfRecordedExecutionsParse() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : allCases()) {
      JsonNode c = read(file);
      if (!"execution".equals(c.path("kind").asText()) || isJsonata(c.path("definition"))) {
        continue;
      }
      List<String> texts = new ArrayList<>();
      collectEvaluatedIntrinsics(c.path("definition"), texts);
      if (!texts.isEmpty()) {
        tests.add(
            DynamicTest.dynamicTest(
                c.path("id").asText(),
                () -> texts.forEach(text -> assertThat(IntrinsicParser.parse(text).text()).isEqualTo(text))));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> intrinsicTextsOfRejectedDefinitionsDoNotParse() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : allCases()) {
      JsonNode c = read(file);
      String message = c.path("expected").path("message").asText("");
      if (!"create_rejected".equals(c.path("kind").asText()) || !message.contains("valid intrinsic function call")) {
        continue;
      }
      List<String> texts = new ArrayList<>();
      collectEvaluatedIntrinsics(c.path("definition"), texts);
      tests.add(
          DynamicTest.dynamicTest(
              c.path("id").asText(),
              () -> {
                assertThat(texts).isNotEmpty();
                assertThat(texts)
                    .anySatisfy(
                        text ->
                            assertThatThrownBy(() -> IntrinsicParser.parse(text))
                                .isInstanceOf(IntrinsicSyntaxException.class));
              }));
    }
    assertThat(tests).as("rejected cases found").isNotEmpty();
    return tests.stream();
  }

  /** Intrinsic texts in fields that Step Functions evaluates (not in Result), in JSONPath states. */
  private static void collectEvaluatedIntrinsics(JsonNode machine, List<String> texts) {
    for (JsonNode state : machine.path("States")) {
      if (isJsonata(state)) {
        continue;
      }
      for (String field : List.of("Parameters", "ResultSelector", "ItemSelector", "Assign", "Credentials")) {
        collectDollarFields(state.path(field), texts);
      }
      for (String field : List.of("ErrorPath", "CausePath")) {
        String text = state.path(field).asText("");
        if (IntrinsicParser.looksLikeIntrinsic(text)) {
          texts.add(text);
        }
      }
      collectEvaluatedIntrinsics(state.path("ItemProcessor"), texts);
      collectEvaluatedIntrinsics(state.path("Iterator"), texts);
      for (JsonNode branch : state.path("Branches")) {
        collectEvaluatedIntrinsics(branch, texts);
      }
    }
  }

  private static void collectDollarFields(JsonNode node, List<String> texts) {
    if (node.isArray()) {
      node.forEach(item -> collectDollarFields(item, texts));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String text = field.getValue().asText("");
      if (field.getKey().endsWith(".$") && field.getValue().isTextual() && IntrinsicParser.looksLikeIntrinsic(text)) {
        texts.add(text);
      } else {
        collectDollarFields(field.getValue(), texts);
      }
    }
  }
}
