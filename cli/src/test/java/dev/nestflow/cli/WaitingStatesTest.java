package dev.nestflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A run that cannot finish says which state waits on what, not just RUNNING. */
class WaitingStatesTest {
  @Test
  void aStuckRunNamesEachOpenStateAndWhatItWaitsOn(@TempDir Path dir) throws Exception {
    Path def = dir.resolve("nap.asl.json");
    Files.writeString(def, """
        {"StartAt":"Go","States":{"Go":{"Type":"Parallel","Branches":[
          {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":99999999,"End":true}}},
          {"StartAt":"Quick","States":{"Quick":{"Type":"Pass","End":true}}}],"End":true}}}""");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("run", def.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("RUNNING").contains("the execution is waiting:")
        .contains("  Nap (Wait) waits for its timer").doesNotContain("Quick").doesNotContain("Go (Parallel)");
  }

  @Test
  void callbacksActivitiesAndChildrenAreNamedFromTheirLastEvent() {
    List<ObjectNode> h = new ArrayList<>();
    h.add(event(1, 0, "ExecutionStarted", "executionStartedEventDetails", Json.object()));
    h.add(event(2, 1, "TaskStateEntered", "stateEnteredEventDetails", Json.object().put("name", "Ask")));
    h.add(event(3, 2, "TaskScheduled", "taskScheduledEventDetails",
        Json.object().put("resourceType", "sqs").put("resource", "sendMessage.waitForTaskToken")));
    h.add(event(4, 3, "TaskStarted", "taskStartedEventDetails",
        Json.object().put("resourceType", "sqs").put("resource", "sendMessage.waitForTaskToken")));
    assertThat(WaitingStates.describe(h)).containsExactly(
        "Ask (Task) waits for its task token (sqs:sendMessage.waitForTaskToken): answer with SendTaskSuccess/SendTaskFailure,"
            + " or run again with --answer Ask=JSON");

    List<ObjectNode> child = new ArrayList<>(h.subList(0, 2));
    child.add(event(3, 2, "TaskSubmitted", "taskSubmittedEventDetails", Json.object().put("resourceType", "states")
        .put("resource", "startExecution.sync:2").put("output", "{\"ExecutionArn\":\"arn:aws:states:us-east-1:1:execution:C:x\"}")));
    assertThat(WaitingStates.describe(child))
        .containsExactly("Ask (Task) waits for child execution arn:aws:states:us-east-1:1:execution:C:x (states:startExecution.sync:2)");

    List<ObjectNode> activity = new ArrayList<>(h.subList(0, 2));
    activity.add(event(3, 2, "ActivityScheduled", "activityScheduledEventDetails", Json.object().put("resource", "arn:aws:states:us-east-1:1:activity:a")));
    assertThat(WaitingStates.describe(activity))
        .containsExactly("Ask (Task) waits for a worker to take its activity task (GetActivityTask on arn:aws:states:us-east-1:1:activity:a)");
  }

  private static ObjectNode event(long id, long previous, String type, String detailsKey, ObjectNode details) {
    ObjectNode e = Json.object();
    e.put("id", id).put("previousEventId", previous).put("type", type);
    e.set(detailsKey, details);
    return e;
  }
}
