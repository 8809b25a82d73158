package dev.nestflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why an execution is still RUNNING when nothing more can happen by itself: each state that was
 * entered and not left (Map and Parallel states aside: their inner states say it), and what it
 * waits on, read from its last event: a task token, an activity worker, a child execution, a task's
 * answer, a timer.
 */
final class WaitingStates {
  private WaitingStates() {}

  static List<String> describe(List<ObjectNode> history) {
    Map<Long, String> owner = new HashMap<>();
    Map<String, ObjectNode> open = new LinkedHashMap<>();
    Map<String, ObjectNode> last = new HashMap<>();
    for (ObjectNode e : history) {
      String type = e.path("type").asText();
      long id = e.path("id").asLong();
      String name;
      if (type.endsWith("StateEntered")) {
        name = e.path("stateEnteredEventDetails").path("name").asText();
        if (!type.equals("MapStateEntered") && !type.equals("ParallelStateEntered")) {
          open.put(name, e);
        }
      } else if (type.endsWith("StateExited")) {
        open.remove(e.path("stateExitedEventDetails").path("name").asText());
        name = null;
      } else {
        name = owner.get(e.path("previousEventId").asLong());
      }
      owner.put(id, name);
      if (name != null) {
        last.put(name, e);
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> o : open.entrySet()) {
      lines.add(o.getKey() + " (" + o.getValue().path("type").asText().replace("StateEntered", "") + ") "
          + waitsOn(o.getKey(), last.getOrDefault(o.getKey(), o.getValue())));
    }
    return lines;
  }

  private static String waitsOn(String state, ObjectNode event) {
    String type = event.path("type").asText();
    JsonNode d = details(event);
    String resource = d.path("resourceType").asText("") + ":" + d.path("resource").asText("");
    if (type.startsWith("Activity")) {
      return "waits for a worker to take its activity task (GetActivityTask on " + d.path("resource").asText("the activity") + ")";
    }
    if (type.equals("WaitStateEntered")) {
      return "waits for its timer";
    }
    if (resource.contains("waitForTaskToken")) {
      return "waits for its task token (" + resource + "): answer with SendTaskSuccess/SendTaskFailure, or run again with --answer "
          + state + "=JSON";
    }
    if (resource.startsWith("states:startExecution") && type.equals("TaskSubmitted")) {
      String child = "";
      try {
        child = dev.nestflow.core.json.Json.parse(d.path("output").asText("{}")).path("ExecutionArn").asText("");
      } catch (RuntimeException notJson) {
        // described without the child's ARN
      }
      return "waits for child execution " + child + " (" + resource + ")";
    }
    if (type.startsWith("Task") || type.startsWith("LambdaFunction")) {
      return "waits for its task to answer (" + resource + ", last event " + type + ")";
    }
    return "waits (last event " + type + ")";
  }

  private static JsonNode details(ObjectNode event) {
    var it = event.fields();
    while (it.hasNext()) {
      var f = it.next();
      if (f.getKey().endsWith("EventDetails")) {
        return f.getValue();
      }
    }
    return event.objectNode();
  }
}
