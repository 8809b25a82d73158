package dev.nestflow.infrastructure.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import dev.nestflow.infrastructure.tasks.TaskRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The nested workflows the fault-injection harness runs: an orchestrator with a Map over
 * {@code .sync:2} children (which retry a flaky function and wait), a {@code .sync} child that
 * fails and is caught, a {@code startExecution.waitForTaskToken} child that answers its parent's
 * token from inside its own task, an SQS-style callback answered by an outside worker, a
 * fire-and-forget child and a Wait. Every choice follows from the seed, and every task answers
 * deterministically from its input, so two runs with the same seed must end the same.
 */
final class Workload {
  static final String ACCOUNT = "arn:aws:states:us-east-1:123456789012:";
  static final String ROLE = "arn:aws:iam::123456789012:role/faults";
  static final String SQUARE_FN = ACCOUNT.replace(":states:", ":lambda:") + "function:Square";
  static final String APPROVE_FN = ACCOUNT.replace(":states:", ":lambda:") + "function:Approve";
  static final String SQS_CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
  static final String BIG_FN = ACCOUNT.replace(":states:", ":lambda:") + "function:Big";
  static final String POISON_FN = ACCOUNT.replace(":states:", ":lambda:") + "function:Poison";

  static final String SQUARE = ACCOUNT + "stateMachine:Square";
  static final String RISKY = ACCOUNT + "stateMachine:Risky";
  static final String APPROVAL = ACCOUNT + "stateMachine:Approval";
  static final String LOGGER = ACCOUNT + "stateMachine:Logger";
  static final String ORCHESTRATOR = ACCOUNT + "stateMachine:Orchestrator";
  static final String BULKY = ACCOUNT + "stateMachine:Bulky";
  static final String ECHO = ACCOUNT + "stateMachine:Echo";
  static final String POISONED = ACCOUNT + "stateMachine:Poisoned";
  static final List<String> MACHINES = List.of(ORCHESTRATOR, SQUARE, RISKY, APPROVAL, LOGGER, BULKY, ECHO, POISONED);

  /** The Wait states of the workload and their Seconds: none may end sooner in its history. */
  static final Map<String, Integer> WAIT_SECONDS = Map.of("Settle", 5, "Think", 3, "Log", 1, "Pause", 30, "Linger", 2);

  /** The message the poisoned function throws with until it is {@linkplain Workers#cure() cured}. */
  static final String POISON = "poisoned: this function fails its caller every time";

  /**
   * The result sizes (in bytes, the compact UTF-8 JSON AWS measures) the Bulky workflows ask of the
   * Big function: small; a little under 256 KiB; exactly 256 KiB (allowed, but the state's output
   * is over it); over 256 KiB (States.DataLimitExceeded, caught); over a DynamoDB item (400 KB).
   * The .sync child returns them too (its description, the parent's result, is a little larger).
   */
  static final int[] BIG_SIZES = {100, 200 * 1024, 262_144, 300 * 1024, 700 * 1024};

  private static final Map<String, String> DEFINITIONS = Map.of(
      SQUARE, """
          {"StartAt":"Compute","States":{
            "Compute":{"Type":"Task","Resource":"%s",
              "Parameters":{"n.$":"$.n","retry.$":"$$.State.RetryCount"},
              "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":1.5}],
              "Next":"Settle"},
            "Settle":{"Type":"Wait","Seconds":5,"End":true}}}""".formatted(SQUARE_FN),
      RISKY, """
          {"StartAt":"Check","States":{
            "Check":{"Type":"Choice","Choices":[{"Variable":"$.fail","BooleanEquals":true,"Next":"Boom"}],"Default":"Fine"},
            "Boom":{"Type":"Fail","Error":"ChildFailed","Cause":"no luck"},
            "Fine":{"Type":"Pass","Result":{"risky":"ok"},"End":true}}}""",
      APPROVAL, """
          {"StartAt":"Think","States":{
            "Think":{"Type":"Wait","Seconds":3,"Next":"Approve"},
            "Approve":{"Type":"Task","Resource":"%s","Parameters":{"token.$":"$.token","n.$":"$.n"},"End":true}}}"""
          .formatted(APPROVE_FN),
      LOGGER, """
          {"StartAt":"Log","States":{"Log":{"Type":"Wait","Seconds":1,"Next":"Done"},"Done":{"Type":"Succeed"}}}""",
      BULKY, """
          {"StartAt":"Make","States":{
            "Make":{"Type":"Task","Resource":"%s","Parameters":{"bytes.$":"$.bytes"},"ResultPath":"$.made",
              "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.makeError","Next":"Small"}],"Next":"Shrink"},
            "Shrink":{"Type":"Pass","Parameters":{"bytes.$":"$.bytes","childBytes.$":"$.childBytes"},"Next":"Child"},
            "Small":{"Type":"Pass","Result":{"blob":"small"},"ResultPath":"$.made","Next":"Child"},
            "Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
              "Parameters":{"StateMachineArn":"%s","Input":{"bytes.$":"$.childBytes"}},
              "ResultSelector":{"status.$":"$.Status"},"ResultPath":"$.child",
              "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.child","Next":"Done"}],"Next":"Done"},
            "Done":{"Type":"Pass","OutputPath":"$.child","End":true}}}""".formatted(BIG_FN, ECHO),
      ECHO, """
          {"StartAt":"Echo","States":{"Echo":{"Type":"Task","Resource":"%s","Parameters":{"bytes.$":"$.bytes"},"End":true}}}"""
          .formatted(BIG_FN),
      POISONED, """
          {"StartAt":"Linger","States":{
            "Linger":{"Type":"Wait","Seconds":2,"Next":"Swallow"},
            "Swallow":{"Type":"Task","Resource":"%s","Parameters":{"n.$":"$.n"},"End":true}}}""".formatted(POISON_FN),
      ORCHESTRATOR, """
          {"StartAt":"Fanout","States":{
            "Fanout":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ResultPath":"$.squares",
              "ItemProcessor":{"StartAt":"Run","States":{"Run":{"Type":"Task",
                "Resource":"arn:aws:states:::states:startExecution.sync:2",
                "Parameters":{"StateMachineArn":"%s","Input":{"n.$":"$"}},
                "OutputPath":"$.Output","End":true}}},
              "Next":"Risky"},
            "Risky":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
              "Parameters":{"StateMachineArn":"%s","Input":{"fail.$":"$.fail"}},
              "ResultSelector":{"status.$":"$.Status"},"ResultPath":"$.risky",
              "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.failure","Next":"Approve"}],
              "Next":"Approve"},
            "Approve":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
              "Parameters":{"StateMachineArn":"%s","Input":{"token.$":"$$.Task.Token","n.$":"$.n"}},
              "ResultPath":"$.approval","Next":"Ask"},
            "Ask":{"Type":"Task","Resource":"%s",
              "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/humans",
                "MessageBody":{"token.$":"$$.Task.Token","n.$":"$.n"}},
              "ResultPath":"$.human","Next":"Log"},
            "Log":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
              "Parameters":{"StateMachineArn":"%s","Input":{"n.$":"$.n"}},"ResultPath":null,"Next":"Pause"},
            "Pause":{"Type":"Wait","Seconds":30,"Next":"Done"},
            "Done":{"Type":"Succeed"}}}""".formatted(SQUARE, RISKY, APPROVAL, SQS_CALLBACK, LOGGER));

  /** One top-level start. */
  record Start(String machine, String name, String input) {}

  private Workload() {}

  static void register(ExecutionStore store) {
    for (String arn : MACHINES) {
      String name = arn.substring(arn.lastIndexOf(':') + 1);
      store.putStateMachine(new StateMachineRecord(arn, name, "STANDARD", DEFINITIONS.get(arn), ROLE, 0));
    }
  }

  /**
   * The top-level starts of one schedule: 1 to 3 orchestrators, each with 1 to 4 items; in about
   * every third schedule a Bulky workflow with two result sizes; in about one in three a poisoned one.
   */
  static List<Start> starts(long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    List<Start> out = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      ObjectNode input = Json.object();
      int n = 1 + random.nextInt(9);
      input.put("n", n);
      input.put("fail", random.nextBoolean());
      var items = input.putArray("items");
      int size = 1 + random.nextInt(4);
      for (int j = 0; j < size; j++) {
        items.add(random.nextInt(20));
      }
      out.add(new Start(ORCHESTRATOR, "order-" + seed + "-" + i, Json.write(input)));
    }
    if (random.nextInt(3) == 0) {
      ObjectNode input = Json.object();
      input.put("bytes", BIG_SIZES[random.nextInt(BIG_SIZES.length)]);
      input.put("childBytes", BIG_SIZES[random.nextInt(BIG_SIZES.length)]);
      out.add(new Start(BULKY, "bulky-" + seed, Json.write(input)));
    }
    if (random.nextInt(3) == 0) {
      out.add(new Start(POISONED, "poisoned-" + seed, "{\"n\":" + random.nextInt(9) + "}"));
    }
    return out;
  }

  /**
   * The task workers: Square fails with Transient on its first (n mod 3) attempts; Approve answers
   * the token it was given (through the client API) and succeeds; the SQS callback records the
   * token for the outside worker and returns a MessageId; Big returns a result of the size asked;
   * Poison throws (a bug in an integration, an outage: the step fails, not the task) until cured.
   */
  static final class Workers implements dev.nestflow.infrastructure.tasks.TaskInvoker {
    private final Supplier<ExecutionRuntime> client;
    private boolean cured;
    /** Callback tokens handed out, first time seen, with the input the worker got. */
    final Map<String, JsonNode> callbacks = new LinkedHashMap<>();

    Workers(Supplier<ExecutionRuntime> client) {
      this.client = client;
    }

    /** The poisoned function is fixed (a new version deployed): from now on it answers. */
    void cure() {
      cured = true;
    }

    @Override
    public TaskOutcome invoke(TaskRequest request) {
      JsonNode in = request.input();
      if (request.resource().equals(BIG_FN)) {
        int bytes = in.get("bytes").asInt();
        ObjectNode out = Json.object();
        out.put("blob", "x".repeat(Math.max(0, bytes - "{\"blob\":\"\"}".length())));
        return new TaskOutcome.Succeeded(out);
      }
      if (request.resource().equals(POISON_FN)) {
        if (!cured) {
          throw new IllegalStateException(POISON);
        }
        return new TaskOutcome.Succeeded(Json.parse("{\"cured\":true,\"n\":" + in.get("n").asInt() + "}"));
      }
      if (request.resource().equals(SQUARE_FN)) {
        int n = in.get("n").asInt();
        int retry = in.get("retry").asInt();
        if (retry < n % 3) {
          return new TaskOutcome.Failed("Transient", "attempt " + retry + " of " + n);
        }
        ObjectNode out = Json.object();
        out.put("n", n);
        out.put("square", n * n);
        return new TaskOutcome.Succeeded(out);
      }
      if (request.resource().equals(APPROVE_FN)) {
        try {
          client.get().commands().sendTaskSuccess(in.get("token").asText(), "{\"approvedBy\":\"child\",\"n\":" + in.get("n").asInt() + "}");
        } catch (ApiException late) {
          // the parent no longer waits (this task was run again after a crash): nothing to answer
        }
        return new TaskOutcome.Succeeded(Json.parse("{\"sent\":true}"));
      }
      if (request.resource().equals(SQS_CALLBACK)) {
        callbacks.putIfAbsent(request.token(), in.get("MessageBody"));
        return new TaskOutcome.Pending(Json.parse("{\"MessageId\":\"msg-" + request.token().substring(0, 12) + "\"}"));
      }
      return new TaskOutcome.Failed("States.TaskFailed", "no worker for " + request.resource());
    }

    /** What the outside worker answers for a callback. */
    static String answer(JsonNode body) {
      int n = body.get("n").asInt();
      return "{\"approved\":" + (n % 2 == 0) + ",\"n\":" + n + "}";
    }
  }
}
