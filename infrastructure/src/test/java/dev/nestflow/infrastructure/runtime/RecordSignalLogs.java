package dev.nestflow.infrastructure.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.queue.QueueMessage;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.SignalEntry;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Records the signal logs of executions that use every kind of signal id into a fixture, with the
 * code as it is before signal ids got their own type. Runs only when asked
 * ({@code -Dnestflow.recordSignalLogs=<file>}).
 */
class RecordSignalLogs {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String MACHINES = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";
  static final String ROLE = "arn:aws:iam::123456789012:role/r";
  static final byte[] TOKEN_KEY = "recorded-signal-logs-token-key!!".getBytes(StandardCharsets.UTF_8);

  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final List<String[]> callbacks = new ArrayList<>(); // {token}
  private final List<String[]> slow = new ArrayList<>();      // {execution, task key}
  private final TaskInvoker tasks = request -> {
    if (request.token() != null) {
      callbacks.add(new String[] {request.token()});
      return new TaskOutcome.Pending(Json.parse("{\"StatusCode\":200}"));
    }
    if (request.resource().endsWith(":slow")) {
      slow.add(new String[] {request.executionArn(), request.taskKey()});
      return new TaskOutcome.Pending();
    }
    return new TaskOutcome.Succeeded(request.input());
  };
  private final ExecutionRuntime runtime = new ExecutionRuntime(store, queue, tasks, clock, new TaskTokens(TOKEN_KEY));

  private void machine(String name, String definition) {
    store.putStateMachine(new StateMachineRecord(MACHINES + name, name, "STANDARD", definition, ROLE, 0));
  }

  private void drain(Instant until) {
    while (true) {
      List<QueueMessage> batch = queue.receive(10, Duration.ofSeconds(30));
      if (batch.isEmpty()) {
        Optional<Instant> next = queue.nextVisibleAt();
        if (next.isEmpty() || next.get().isAfter(until)) {
          return;
        }
        clock.advanceTo(next.get());
        continue;
      }
      for (QueueMessage m : batch) {
        if (runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount())) {
          queue.delete(m.receiptHandle());
        }
      }
    }
  }

  @Test
  void record() throws Exception {
    String target = System.getProperty("nestflow.recordSignalLogs");
    if (target == null) {
      return;
    }
    String fn = "arn:aws:lambda:us-east-1:123456789012:function:";
    machine("Child", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"child\":true},\"End\":true}}}");
    machine("Holder", "{\"StartAt\":\"Hold\",\"States\":{\"Hold\":{\"Type\":\"Task\","
        + "\"Resource\":\"" + fn + "slow\",\"End\":true}}}");
    machine("Everything", "{\"StartAt\":\"Call\",\"States\":{"
        + "\"Call\":{\"Type\":\"Task\",\"Resource\":\"" + fn + "echo\",\"ResultPath\":\"$.call\",\"Next\":\"Later\"},"
        + "\"Later\":{\"Type\":\"Task\",\"Resource\":\"" + fn + "slow\",\"ResultPath\":\"$.later\",\"Next\":\"Pause\"},"
        + "\"Pause\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"Callback\"},"
        + "\"Callback\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\",\"HeartbeatSeconds\":60,"
        + "\"Parameters\":{\"FunctionName\":\"cb\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},\"ResultPath\":\"$.callback\",\"Next\":\"Work\"},"
        + "\"Work\":{\"Type\":\"Task\",\"Resource\":\"" + ACTIVITY + "\",\"ResultPath\":\"$.work\",\"Next\":\"Nested\"},"
        + "\"Nested\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
        + "\"Parameters\":{\"StateMachineArn\":\"" + MACHINES + "Child\",\"Input\":{\"n\":1}},\"ResultSelector\":{\"out.$\":\"$.Output\"},"
        + "\"ResultPath\":\"$.nested\",\"End\":true}}}");
    machine("Waiting", "{\"StartAt\":\"Nested\",\"States\":{\"Nested\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.sync\","
        + "\"Parameters\":{\"StateMachineArn\":\"" + MACHINES + "Holder\",\"Name\":\"held\"},\"End\":true}}}");
    machine("Stopped", "{\"StartAt\":\"Long\",\"States\":{\"Long\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}");

    ExecutionCommands commands = runtime.commands();
    commands.activities().createActivity(ACTIVITY);
    String everything = commands.startExecution(MACHINES + "Everything", "everything", "{\"x\":1}").executionArn();
    drain(clock.instant());
    String[] late = slow.remove(0);
    commands.completeTask(late[0], late[1], new TaskOutcome.Succeeded(Json.parse("{\"late\":true}")));
    drain(clock.instant().plusSeconds(10));
    String token = callbacks.remove(0)[0];
    commands.sendTaskHeartbeat(token);
    drain(clock.instant());
    commands.sendTaskSuccess(token, "{\"called\":\"back\"}");
    drain(clock.instant());
    Activities.ActivityTask work = commands.activities().getActivityTask(ACTIVITY, "worker-1").orElseThrow();
    drain(clock.instant());
    commands.sendTaskSuccess(work.taskToken(), "{\"worked\":true}");
    drain(clock.instant().plusSeconds(1));

    String waiting = commands.startExecution(MACHINES + "Waiting", "waiting", "{}").executionArn();
    drain(clock.instant().plusSeconds(1));
    String stopped = commands.startExecution(MACHINES + "Stopped", "stopped", "{}").executionArn();
    drain(clock.instant().plusSeconds(1));
    commands.stopExecution(stopped, "Operator.Stop", "recorded");
    drain(clock.instant().plusSeconds(1));

    List<String> arns = new ArrayList<>(List.of(everything, waiting, stopped));
    store.executions(MACHINES + "Child").forEach(r -> arns.add(r.executionArn()));
    store.executions(MACHINES + "Holder").forEach(r -> arns.add(r.executionArn()));
    ObjectNode fixture = Json.object();
    fixture.put("tokenKey", HexFormat.of().formatHex(TOKEN_KEY));
    ArrayNode machines = fixture.putArray("stateMachines");
    for (String name : List.of("Child", "Holder", "Everything", "Waiting", "Stopped")) {
      machines.add(Json.MAPPER.valueToTree(store.stateMachine(MACHINES + name).orElseThrow()));
    }
    ArrayNode executions = fixture.putArray("executions");
    for (String arn : arns) {
      ExecutionRecord head = store.execution(arn).orElseThrow();
      ObjectNode e = executions.addObject();
      e.set("head", Json.MAPPER.valueToTree(head));
      ArrayNode log = e.putArray("log");
      for (SignalEntry entry : store.signals(arn)) {
        log.add(Json.MAPPER.valueToTree(entry));
      }
      ExecutionResult r = commands.describe(arn).orElseThrow();
      e.put("status", r.status());
      ArrayNode history = e.putArray("history");
      r.history().forEach(history::add);
    }
    Files.writeString(Path.of(target), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fixture) + "\n");
  }

  static JsonNode read(Path file) throws Exception {
    return Json.parse(Files.readString(file));
  }
}
