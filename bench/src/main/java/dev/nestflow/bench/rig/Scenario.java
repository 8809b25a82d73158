package dev.nestflow.bench.rig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One workload of the rig: the state machines it creates, the executions it starts and the check of
 * their outcome. {@code size} is the number of Map items (or of executions for {@code chain}).
 */
abstract class Scenario {
  static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:" + Workers.FUNCTION;

  /** One execution to start: the state machine (by the name given to {@link Rig.Setup#stateMachine}) and its input. */
  record Start(String stateMachineArn, String input) {}

  /** The outcome's check: whether it held, and what was checked. */
  record Check(boolean correct, String what) {}

  final String name;
  final int size;

  Scenario(String name, int size) {
    this.name = name;
    this.size = size;
  }

  /** Whether the workers need S3 (moto) for service tasks. */
  boolean needsS3() {
    return false;
  }

  /** How many times the task function runs when each task is invoked once (invariant 8). */
  long expectedInvocations() {
    return 0;
  }

  /** Creates what the executions need and returns them, in order. */
  abstract List<Start> prepare(Rig.Setup setup) throws IOException;

  /** Checks the finished executions (in the order of {@link #prepare}). */
  abstract Check check(List<ExecutionRecord> done, Rig.Setup setup) throws IOException;

  /** The names the rig knows, with the sizes. */
  static List<String> names() {
    return List.of("map-wait", "map-tasks", "chain", "nested", "distmap");
  }

  /**
   * @param size null for the size
   * @param waitSeconds the Wait of map-wait (10 in the issue)
   */
  static Scenario named(String name, Integer size, int waitSeconds) {
    return switch (name) {
      case "map-wait" -> new MapWait(size == null ? 1000 : size, waitSeconds);
      case "map-tasks" -> new MapTasks(size == null ? 1000 : size, 40, 1000);
      case "chain" -> new Chain(size == null ? 200 : size, 10);
      case "nested" -> new Nested(size == null ? 100 : size);
      case "distmap" -> new DistributedMap(size == null ? 10_000 : size, 100);
      default -> throw new IllegalArgumentException("no scenario " + name + "; known: " + names());
    };
  }

  static String items(int n, String extra) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(extra).append('}');
    }
    return b.append(']').toString();
  }

  static String inlineMap(int maxConcurrency, String iteration) {
    return "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"MaxConcurrency\":" + maxConcurrency
        + ",\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"INLINE\"}," + iteration + "},\"End\":true}}}";
  }

  static Check single(List<ExecutionRecord> done, String what, java.util.function.Predicate<JsonNode> ok) {
    ExecutionRecord r = done.get(0);
    if (!"SUCCEEDED".equals(r.status())) {
      return new Check(false, what + ": execution " + r.status() + " " + r.error() + " " + r.cause());
    }
    return new Check(ok.test(Json.parse(r.outputText())), what);
  }

  /** Inline Map of N items, each (Pass, Wait S seconds, Pass): every Wait's timer goes through the queue. */
  static final class MapWait extends Scenario {
    private final int waitSeconds;

    MapWait(int size, int waitSeconds) {
      super("map-wait", size);
      this.waitSeconds = waitSeconds;
    }

    @Override
    List<Start> prepare(Rig.Setup setup) {
      String arn = setup.stateMachine("mapwait", inlineMap(0, "\"StartAt\":\"P1\",\"States\":{"
          + "\"P1\":{\"Type\":\"Pass\",\"Parameters\":{\"i.$\":\"$.i\",\"a\":1},\"Next\":\"W\"},"
          + "\"W\":{\"Type\":\"Wait\",\"Seconds\":" + waitSeconds + ",\"Next\":\"P2\"},"
          + "\"P2\":{\"Type\":\"Pass\",\"Parameters\":{\"i.$\":\"$.i\",\"a.$\":\"$.a\",\"b\":2},\"End\":true}}"));
      return List.of(new Start(arn, "{\"items\":" + items(size, "") + "}"));
    }

    @Override
    Check check(List<ExecutionRecord> done, Rig.Setup setup) {
      return single(done, "output = the " + size + " items in order, each {i, a:1, b:2}",
          out -> out.equals(Json.parse(items(size, ",\"a\":1,\"b\":2"))));
    }
  }

  /** Inline Map of N tasks of {@code sleepMs} each, at most {@code maxConcurrency} at a time. */
  static final class MapTasks extends Scenario {
    private final int maxConcurrency;
    private final int sleepMs;

    MapTasks(int size, int maxConcurrency, int sleepMs) {
      super("map-tasks", size);
      this.maxConcurrency = maxConcurrency;
      this.sleepMs = sleepMs;
    }

    @Override
    long expectedInvocations() {
      return size;
    }

    @Override
    List<Start> prepare(Rig.Setup setup) {
      String arn = setup.stateMachine("maptasks", inlineMap(maxConcurrency,
          "\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FUNCTION_ARN + "\",\"End\":true}}"));
      return List.of(new Start(arn, "{\"items\":" + items(size, ",\"sleepMs\":" + sleepMs) + "}"));
    }

    @Override
    Check check(List<ExecutionRecord> done, Rig.Setup setup) {
      double floor = Math.ceil((double) size / maxConcurrency) * sleepMs / 1000.0;
      Check out = single(done, "output = the " + size + " task results in order; wall >= " + floor
          + " s (MaxConcurrency " + maxConcurrency + " x " + sleepMs + " ms)",
          o -> o.equals(Json.parse(items(size, ",\"sleepMs\":" + sleepMs))));
      return new Check(out.correct() && setup.wallSeconds() >= floor, out.what());
    }
  }

  /** M executions at once of a chain of K task states, each adding one to n. */
  static final class Chain extends Scenario {
    private final int states;

    Chain(int executions, int states) {
      super("chain", executions);
      this.states = states;
    }

    @Override
    long expectedInvocations() {
      return (long) size * states;
    }

    @Override
    List<Start> prepare(Rig.Setup setup) {
      StringBuilder def = new StringBuilder("{\"StartAt\":\"T1\",\"States\":{");
      for (int k = 1; k <= states; k++) {
        def.append(k == 1 ? "" : ",").append("\"T").append(k).append("\":{\"Type\":\"Task\",\"Resource\":\"")
            .append(FUNCTION_ARN).append('"').append(k == states ? ",\"End\":true}" : ",\"Next\":\"T" + (k + 1) + "\"}");
      }
      String arn = setup.stateMachine("chain", def.append("}}").toString());
      List<Start> starts = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        starts.add(new Start(arn, "{\"id\":" + i + ",\"n\":0}"));
      }
      return starts;
    }

    @Override
    Check check(List<ExecutionRecord> done, Rig.Setup setup) {
      int ok = 0;
      for (int i = 0; i < done.size(); i++) {
        ExecutionRecord r = done.get(i);
        if ("SUCCEEDED".equals(r.status()) && Json.parse(r.outputText()).equals(Json.parse("{\"id\":" + i + ",\"n\":" + states + "}"))) {
          ok++;
        }
      }
      return new Check(ok == size, ok + "/" + size + " executions SUCCEEDED with output {id, n:" + states + "}");
    }
  }

  /** A parent Map of N {@code states:startExecution.sync:2} children, each one task. */
  static final class Nested extends Scenario {
    Nested(int size) {
      super("nested", size);
    }

    @Override
    long expectedInvocations() {
      return size;
    }

    @Override
    List<Start> prepare(Rig.Setup setup) {
      String child = setup.stateMachine("child", "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
          + FUNCTION_ARN + "\",\"End\":true}}}");
      String parent = setup.stateMachine("parent", inlineMap(0, "\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\",\"Parameters\":{\"StateMachineArn\":\"" + child
          + "\",\"Input.$\":\"$\"},\"OutputPath\":\"$.Output\",\"End\":true}}"));
      return List.of(new Start(parent, "{\"items\":" + items(size, ",\"n\":0") + "}"));
    }

    @Override
    Check check(List<ExecutionRecord> done, Rig.Setup setup) {
      return single(done, "output = the " + size + " children's outputs in order, each {i, n:1}",
          out -> out.equals(Json.parse(items(size, ",\"n\":1"))));
    }
  }

  /**
   * A Distributed Map over N items read from S3 (a JSON array object), one task of {@code sleepMs}
   * per item, results written to S3 by ResultWriter.
   */
  static final class DistributedMap extends Scenario {
    private final int sleepMs;

    DistributedMap(int size, int sleepMs) {
      super("distmap", size);
      this.sleepMs = sleepMs;
    }

    @Override
    boolean needsS3() {
      return true;
    }

    @Override
    long expectedInvocations() {
      return size;
    }

    @Override
    List<Start> prepare(Rig.Setup setup) throws IOException {
      setup.s3().createBucket(setup.bucket());
      setup.s3().put(setup.bucket(), "items.json", items(size, ",\"sleepMs\":" + sleepMs));
      String arn = setup.stateMachine("distmap", "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\","
          + "\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"JSON\"},"
          + "\"Parameters\":{\"Bucket\":\"" + setup.bucket() + "\",\"Key\":\"items.json\"}},"
          + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
          + "\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FUNCTION_ARN + "\",\"End\":true}}},"
          + "\"MaxConcurrency\":1000,"
          + "\"ResultWriter\":{\"Resource\":\"arn:aws:states:::s3:putObject\",\"Parameters\":{\"Bucket\":\"" + setup.bucket()
          + "\",\"Prefix\":\"results\"}},\"End\":true}}}");
      // no items in the input: a Map that ignored its ItemReader would find nothing to iterate and fail
      return List.of(new Start(arn, "{}"));
    }

    @Override
    Check check(List<ExecutionRecord> done, Rig.Setup setup) throws IOException {
      String what = "ResultWriter's manifest lists SUCCEEDED files whose outputs are the " + size + " items, none FAILED";
      ExecutionRecord r = done.get(0);
      if (!"SUCCEEDED".equals(r.status())) {
        return new Check(false, what + ": execution " + r.status() + " " + r.error() + " " + r.cause());
      }
      JsonNode details = Json.parse(r.outputText()).path("ResultWriterDetails");
      if (!details.hasNonNull("Key")) {
        return new Check(false, what + ": the output has no ResultWriterDetails: " + abbreviate(r.outputText()));
      }
      JsonNode manifest = Json.parse(setup.s3().get(details.path("Bucket").asText(), details.path("Key").asText()));
      Set<Integer> seen = new HashSet<>();
      int outputs = 0;
      for (JsonNode file : manifest.path("ResultFiles").path("SUCCEEDED")) {
        JsonNode results = Json.parse(setup.s3().get(setup.bucket(), file.path("Key").asText()));
        for (JsonNode result : results) {
          outputs++;
          seen.add(Json.parse(result.path("Output").asText("{}")).path("i").asInt(-1));
        }
      }
      boolean allSeen = seen.size() == size && seen.stream().allMatch(i -> i >= 0 && i < size);
      boolean noneFailed = manifest.path("ResultFiles").path("FAILED").isEmpty();
      return new Check(allSeen && outputs == size && noneFailed, what + " (" + outputs + " outputs, " + seen.size() + " distinct)");
    }
  }

  static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
