package dev.nestflow.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.console.graph.SvgDrawing;

/**
 * The drawing of an execution (its definition coloured by its whole history) or of a state
 * machine, fetched through the Step Functions API only, so it works against any endpoint.
 */
public final class ExecutionGraph {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 1000;

  private ExecutionGraph() {}

  public static String ofExecution(SfnCalls api, String executionArn) {
    JsonNode definition = parse(api.call("DescribeStateMachineForExecution", request("executionArn", executionArn))
        .path("definition").asText());
    return SvgDrawing.svg(definition, history(api, executionArn));
  }

  /** Draws {@code definition} coloured by the history of {@code executionArn}. */
  public static String ofExecution(SfnCalls api, JsonNode definition, String executionArn) {
    return SvgDrawing.svg(definition, history(api, executionArn));
  }

  public static String ofStateMachine(SfnCalls api, String stateMachineArn) {
    JsonNode definition = parse(api.call("DescribeStateMachine", request("stateMachineArn", stateMachineArn))
        .path("definition").asText());
    return SvgDrawing.svg(definition, null);
  }

  /** Every event of the execution, oldest first, read a page of 1,000 at a time. */
  public static ArrayNode history(SfnCalls api, String executionArn) {
    ArrayNode events = JSON.createArrayNode();
    String token = null;
    do {
      ObjectNode r = request("executionArn", executionArn);
      r.put("maxResults", PAGE);
      if (token != null) {
        r.put("nextToken", token);
      }
      JsonNode page = api.call("GetExecutionHistory", r);
      page.path("events").forEach(events::add);
      token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
    } while (token != null);
    return events;
  }

  private static ObjectNode request(String field, String value) {
    ObjectNode r = JSON.createObjectNode();
    r.put(field, value);
    return r;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new SfnCalls.Failure("InvalidDefinition", "the definition is not JSON: " + e.getMessage());
    }
  }
}
