package dev.nestflow.functions.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.functions.StateAdvanceHandler;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.TaskTokens;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The state-advance function's log lines and EMF metrics, read back as CloudWatch would get them. */
class StepLogTest {
  private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:logged";
  private static final String PASSES = """
      {"StartAt":"First","States":{"First":{"Type":"Pass","Result":{"secret":"s3cr3t"},"Next":"Second"},
       "Second":{"Type":"Wait","Seconds":0,"Next":"Third"},"Third":{"Type":"Pass","End":true}}}""";
  private static final String FAILS = """
      {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f",
       "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Give up"}],"Next":"Give up"},
       "Give up":{"Type":"Fail","Error":"Gave.Up","Cause":"no luck"}}}""";

  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
  private final ExecutionRuntime runtime = new ExecutionRuntime(store, queue, TaskInvoker.none(), Clock.systemUTC(),
      TaskTokens.randomKey());
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private StepLog log(String level, boolean includeData) {
    ObjectNode described = Json.object();
    described.putObject("loggingConfiguration").put("level", level).put("includeExecutionData", includeData);
    return new StepLog(lines::add, new LoggingConfigs(arn -> {
      assertThat(arn).isEqualTo(MACHINE);
      return described;
    }, System::currentTimeMillis), null, System::currentTimeMillis);
  }

  private String run(String definition, StepLog log) throws Exception {
    store.putStateMachine(new StateMachineRecord(MACHINE, "logged", "STANDARD", definition, "arn:aws:iam::000000000000:role/r", 0));
    String arn = runtime.commands().startExecution(MACHINE, "e-" + System.nanoTime(), "{\"in\":\"put\"}").executionArn();
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> runtime, log);
    for (int i = 0; i < 100 && store.execution(arn).orElseThrow().running(); i++) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      for (QueueMessage m : batch) {
        ObjectNode event = Json.object();
        event.putArray("Records").addObject().put("messageId", "m" + i).put("body", m.body())
            .put("receiptHandle", m.receiptHandle()).putObject("attributes").put("ApproximateReceiveCount", "1");
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(), null);
        queue.delete(m.receiptHandle());
      }
    }
    return arn;
  }

  private List<JsonNode> kind(String kind) {
    return lines.stream().map(Json::parse).filter(j -> kind.equals(j.path("kind").asText())).toList();
  }

  private List<JsonNode> metrics() {
    return lines.stream().map(Json::parse).filter(j -> j.has("_aws")).toList();
  }

  private double total(String metric) {
    return metrics().stream().mapToDouble(j -> j.path(metric).asDouble(0)).sum();
  }

  @Test
  void atLevelAllEveryStepIsOneLineWithItsStateEventTypeDurationAndSignalButNoDataUnlessIncluded() throws Exception {
    String arn = run(PASSES, log("ALL", false));

    List<JsonNode> steps = kind("step");
    assertThat(steps).isNotEmpty();
    for (JsonNode step : steps) {
      assertThat(step.path("execution_arn").asText()).isEqualTo(arn);
      assertThat(step.path("state_machine_arn").asText()).isEqualTo(MACHINE);
      assertThat(step.path("signal_id").asText()).isNotEmpty();
      assertThat(step.path("event_type").asText()).isNotEmpty();
      assertThat(step.path("level").asText()).isEqualTo("INFO");
      assertThat(step.path("duration_ms").isNumber()).isTrue();
    }
    JsonNode last = steps.get(steps.size() - 1);
    assertThat(last.path("event_type").asText()).isEqualTo("ExecutionSucceeded");
    assertThat(last.path("state").asText()).isEqualTo("Third");
    assertThat(last.path("status").asText()).isEqualTo("SUCCEEDED");
    List<String> types = steps.stream().flatMap(s -> s.path("events").findValuesAsText("type").stream()).toList();
    assertThat(types).contains("ExecutionStarted", "PassStateEntered", "WaitStateExited", "ExecutionSucceeded");
    assertThat(String.join("\n", lines)).doesNotContain("s3cr3t").doesNotContain("\"put\"");

    assertThat(total("Steps")).isEqualTo(steps.size());
    assertThat(total("ExecutionsSucceeded")).isEqualTo(1);
    assertThat(metrics()).anySatisfy(m -> {
      assertThat(m.path("ExecutionTime").isNumber()).isTrue();
      JsonNode directive = m.path("_aws").path("CloudWatchMetrics").get(0);
      assertThat(directive.path("Namespace").asText()).isEqualTo("nestflow/States");
      assertThat(directive.path("Dimensions").get(0).get(0).asText()).isEqualTo("StateMachineArn");
      assertThat(m.path("StateMachineArn").asText()).isEqualTo(MACHINE);
      assertThat(directive.path("Metrics").findValuesAsText("Name")).contains("ExecutionTime", "ExecutionsSucceeded", "Steps");
    });
  }

  @Test
  void includeExecutionDataPutsInputAndOutputInTheRecords() throws Exception {
    run(PASSES, log("ALL", true));
    assertThat(String.join("\n", kind("step").stream().map(Json::write).toList())).contains("s3cr3t");
  }

  @Test
  void atLevelErrorOnlyStepsWithAFailureAreLoggedAndLambdaMetricsCountTheTask() throws Exception {
    run(FAILS, log("ERROR", false));

    List<JsonNode> steps = kind("step");
    assertThat(steps).isNotEmpty().allSatisfy(s -> assertThat(s.path("level").asText()).isIn("ERROR", "FATAL"));
    assertThat(steps).anySatisfy(s -> assertThat(s.path("events").findValuesAsText("type")).contains("LambdaFunctionFailed"));
    assertThat(steps.get(steps.size() - 1).path("level").asText()).isEqualTo("FATAL");
    assertThat(steps.stream().flatMap(s -> s.path("events").findValuesAsText("type").stream()))
        .doesNotContain("TaskStateEntered", "ExecutionStarted");
    assertThat(total("LambdaFunctionsScheduled")).isEqualTo(1);
    assertThat(total("LambdaFunctionsFailed")).isEqualTo(1);
    assertThat(total("ExecutionsFailed")).isEqualTo(1);
  }

  @Test
  void atLevelFatalASucceedingExecutionLogsNothingButItsMetrics() throws Exception {
    run(PASSES, log("FATAL", false));
    assertThat(kind("step")).isEmpty();
    assertThat(total("ExecutionsSucceeded")).isEqualTo(1);
  }

  @Test
  void offLogsNoStepsAndAStateMachineWithoutConfigurationIsOff() throws Exception {
    run(PASSES, log("OFF", true));
    assertThat(kind("step")).isEmpty();
    LoggingConfigs none = new LoggingConfigs(arn -> { throw new IllegalStateException("gone"); }, () -> 0);
    assertThat(none.of(MACHINE)).isEqualTo(LoggingConfigs.Config.OFF);
  }

  @Test
  void aMessageFailingOnItsLastReceiveIsCountedAsDeadLettered() throws Exception {
    StateAdvanceHandler handler = new StateAdvanceHandler(() -> runtime, log("ALL", false));
    ObjectNode event = Json.object();
    event.putArray("Records").addObject().put("messageId", "poison").put("body", "{not json")
        .putObject("attributes").put("ApproximateReceiveCount", "5");
    handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(), null);
    assertThat(total("DeadLettered")).isEqualTo(1);
    assertThat(kind("dead-letter")).singleElement().satisfies(l -> {
      assertThat(l.path("message_id").asText()).isEqualTo("poison");
      assertThat(l.path("level").asText()).isEqualTo("ERROR");
    });
  }
}
