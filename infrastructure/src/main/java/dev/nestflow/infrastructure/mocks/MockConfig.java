package dev.nestflow.infrastructure.mocks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mock configuration file as Step Functions Local reads it ({@code MockConfigFile.json}):
 * {@code StateMachines} maps a state machine's name to its {@code TestCases}, each test case maps
 * Task state names to the name of a mocked response, and {@code MockedResponses} defines those
 * responses per invocation. Everything the file alone can get wrong (bad JSON, unknown fields, a
 * test case naming a response that is not defined) is reported when it is read; whether the named
 * states exist is checked against the definition when an execution selects a test case.
 */
public final class MockConfig {
  /** The environment variable Step Functions Local reads the file's path from. */
  public static final String ENVIRONMENT_VARIABLE = "SFN_MOCK_CONFIG";

  private final String source;
  private final Map<String, Map<String, TestCase>> machines;

  private MockConfig(String source, Map<String, Map<String, TestCase>> machines) {
    this.source = source;
    this.machines = machines;
  }

  /** Reads and checks the file at {@code path}. */
  public static MockConfig read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MockConfigException("mock configuration " + path + ": cannot be read (" + e.getMessage() + ")");
    }
    return parse(text, path.toString());
  }

  /** Parses and checks a mock configuration; {@code source} names it in error messages. */
  public static MockConfig parse(String text, String source) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (Json.JsonSyntaxException e) {
      throw new MockConfigException("mock configuration " + source + ": not valid JSON: " + e.getMessage());
    }
    String at = "mock configuration " + source;
    if (!root.isObject()) {
      throw new MockConfigException(at + ": must be a JSON object with \"StateMachines\" and \"MockedResponses\"");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String n = names.next();
      if (!n.equals("StateMachines") && !n.equals("MockedResponses")) {
        throw new MockConfigException(at + ": unknown top-level field \"" + n + "\" (expected \"StateMachines\" and \"MockedResponses\")");
      }
    }
    Map<String, MockedResponse> responses = new LinkedHashMap<>();
    JsonNode mocked = root.path("MockedResponses");
    if (!mocked.isMissingNode()) {
      requireObject(mocked, at + ": MockedResponses");
      mocked.fields().forEachRemaining(f ->
          responses.put(f.getKey(), MockedResponse.parse(f.getKey(), f.getValue(), at + ": MockedResponses." + f.getKey())));
    }
    Map<String, Map<String, TestCase>> machines = new LinkedHashMap<>();
    JsonNode stateMachines = root.path("StateMachines");
    if (!stateMachines.isMissingNode()) {
      requireObject(stateMachines, at + ": StateMachines");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = stateMachines.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> machine = it.next();
      String where = at + ": StateMachines." + machine.getKey();
      requireObject(machine.getValue(), where);
      for (Iterator<String> names = machine.getValue().fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (!n.equals("TestCases")) {
          throw new MockConfigException(where + ": unknown field \"" + n + "\" (a state machine holds only \"TestCases\")");
        }
      }
      JsonNode cases = machine.getValue().path("TestCases");
      requireObject(cases, where + ".TestCases");
      Map<String, TestCase> byName = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> c = cases.fields(); c.hasNext(); ) {
        Map.Entry<String, JsonNode> testCase = c.next();
        String caseAt = where + ".TestCases." + testCase.getKey();
        requireObject(testCase.getValue(), caseAt);
        Map<String, MockedResponse> states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> s = testCase.getValue().fields(); s.hasNext(); ) {
          Map.Entry<String, JsonNode> state = s.next();
          if (!state.getValue().isTextual()) {
            throw new MockConfigException(caseAt + "." + state.getKey() + ": must be the name of a mocked response (a string)");
          }
          MockedResponse response = responses.get(state.getValue().asText());
          if (response == null) {
            throw new MockConfigException(caseAt + "." + state.getKey() + ": mocked response \"" + state.getValue().asText()
                + "\" is not defined in MockedResponses" + defined(responses.keySet()));
          }
          states.put(state.getKey(), response);
        }
        byName.put(testCase.getKey(), new TestCase(machine.getKey(), testCase.getKey(), Map.copyOf(states)));
      }
      machines.put(machine.getKey(), byName);
    }
    return new MockConfig(source, machines);
  }

  /** Where the configuration came from (a path), for messages. */
  public String source() {
    return source;
  }

  /**
   * The test case {@code testCase} of the state machine named {@code machineName}; a
   * {@link MockConfigException} naming what the file does define when there is none.
   */
  public TestCase testCase(String machineName, String testCase) {
    Map<String, TestCase> cases = machines.get(machineName);
    if (cases == null) {
      throw new MockConfigException("mock configuration " + source + " has no state machine \"" + machineName
          + "\" under StateMachines" + defined(machines.keySet()));
    }
    TestCase found = cases.get(testCase);
    if (found == null) {
      throw new MockConfigException("mock configuration " + source + " has no test case \"" + testCase
          + "\" for state machine \"" + machineName + "\"" + defined(cases.keySet()));
    }
    return found;
  }

  private static String defined(java.util.Collection<String> names) {
    return names.isEmpty() ? " (it defines none)" : " (it defines: " + String.join(", ", names) + ")";
  }

  private static void requireObject(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new MockConfigException(where + ": must be a JSON object");
    }
  }
}
