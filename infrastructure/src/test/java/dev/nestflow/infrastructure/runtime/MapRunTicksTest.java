package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.VirtualClock;
import dev.nestflow.infrastructure.queue.InMemoryQueue;
import dev.nestflow.infrastructure.store.ExecutionStore;
import dev.nestflow.infrastructure.store.InMemoryExecutionStore;
import dev.nestflow.infrastructure.store.MapRunRecord;
import dev.nestflow.infrastructure.store.MapRunStore;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How often a map run of Standard children ticks and what a tick reads, counted on the in-memory
 * map-run store: children that each wait a different time (so they end in an order of their own,
 * ticks in between), run by the queue runtime on a virtual clock.
 */
class MapRunTicksTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Fan";

  private final VirtualClock clock = new VirtualClock(T0);
  private final InMemoryQueue queue = new InMemoryQueue(clock);
  private final InMemoryExecutionStore memory = new InMemoryExecutionStore();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final MapRunStore counted = counting(memory.mapRuns());
  private final TaskInvoker tasks = request -> request.input().path("fail").asBoolean()
      ? new TaskOutcome.Failed("Boom", "item " + request.input().path("n").asInt())
      : new TaskOutcome.Succeeded(request.input().path("n"));
  private final ExecutionRuntime runtime = new ExecutionRuntime(withMapRuns(memory, counted), queue, tasks, clock,
      TaskTokens.randomKey());
  /** The claim granted after which the store dies (0: none): the cursor has moved, the tick's call fails. */
  private int dieAfterClaim;
  private String executionType = "STANDARD";

  /** The call that handled a message died: the message is delivered again after its visibility timeout. */
  private static final class Died extends RuntimeException {
    Died() {
      super("died after a claim");
    }
  }

  private MapRunStore counting(MapRunStore store) {
    return (MapRunStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MapRunStore.class},
        (proxy, method, args) -> {
          int n = calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
          Object result;
          try {
            result = method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("claim") && Boolean.TRUE.equals(result) && n == dieAfterClaim) {
            throw new Died();
          }
          return result;
        });
  }

  private static ExecutionStore withMapRuns(ExecutionStore store, MapRunStore mapRuns) {
    return (ExecutionStore) Proxy.newProxyInstance(MapRunTicksTest.class.getClassLoader(), new Class<?>[] {ExecutionStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("mapRuns")) {
            return mapRuns;
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  /** Starts a Map of {@code items} Standard children, each waiting 1..13 s before its task ({@code failing} fail it). */
  private String start(int items, String mapFields, java.util.Set<Integer> failing) {
    return start(items, mapFields, failing, i -> 1 + i * 7919 % 13);
  }

  private String start(int items, String mapFields, java.util.Set<Integer> failing, java.util.function.IntUnaryOperator wait) {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", %s
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
            "StartAt": "W", "States": {
              "W": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Work"},
              "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}},
          "End": true}}}
        """.formatted(mapFields, executionType);
    memory.putStateMachine(new StateMachineRecord(SM, "Fan", "STANDARD", definition, "arn:role", 1));
    StringBuilder input = new StringBuilder("[");
    for (int i = 0; i < items; i++) {
      input.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"wait\":").append(wait.applyAsInt(i))
          .append(failing.contains(i) ? ",\"fail\":true" : "").append('}');
    }
    return runtime.commands().startExecution(SM, "run", input.append(']').toString()).executionArn();
  }

  /**
   * Applies every message, moving the clock to the next delayed one when none is visible; {@code
   * between} runs after each. A message whose call died stays for redelivery.
   */
  private void drain(Runnable between) {
    QueueToEnd.run(queue, clock, m -> {
      boolean done = false;
      try {
        done = runtime.stateAdvance().handle(m.body(), m.receiptHandle(), m.receiveCount());
      } catch (Died died) {
        // left in flight: delivered again when its visibility timeout ends
      }
      between.run();
      return done;
    });
  }

  private ExecutionResult result(String arn) {
    return runtime.commands().describe(arn).orElseThrow();
  }

  private static void assertOutputsInOrder(JsonNode output, int items) {
    assertThat(output.size()).isEqualTo(items);
    for (int i = 0; i < items; i++) {
      assertThat(output.get(i).asInt()).isEqualTo(i);
    }
  }

  @Test
  void childrenOfARunOfAThousandAtATimeAskForATickOnlyEveryTenthEndOfTheirChunk() {
    int items = 3_000;
    String arn = start(items, "\"MaxConcurrency\": 1000,", java.util.Set.of());
    drain(() -> {});

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertOutputsInOrder(r.output(), items);
    // one ask per 10 ends of a chunk, and one for each chunk's last end: not one per child
    assertThat(calls("requestTick")).isLessThanOrEqualTo(items / 10 + items / MapRunDriver.CHUNK + 5);
    assertThat(calls("record")).isEqualTo(items);
  }

  @Test
  void ticksReadChunkCountsAndTheOutcomesOnlyOnceWhenTheRunEnds() {
    int items = 1_000;
    String arn = start(items, "\"MaxConcurrency\": 100,", java.util.Set.of());
    drain(() -> {});

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertOutputsInOrder(r.output(), items);
    assertThat(calls("startTick")).isGreaterThan(20); // a hundred at a time: many ticks
    assertThat(calls("outcomes")).isEqualTo(1);
    assertThat(calls("counts")).isLessThanOrEqualTo(calls("startTick"));
    MapRunRecord run = memory.mapRuns().mapRuns(arn).get(0);
    assertThat(run.progress().completeChunks()).isGreaterThan(0); // ticks learned which chunks are complete
  }

  @Test
  void loweringMaxConcurrencyMidRunStillEndsTheRunWhenItsLastChildrenEndWithoutAsking() {
    // 1,005 start at once; the 5 of the chunk the cursor stops in wait longest: when they end, their
    // chunk counts 1..5 (no tenth, not its last) and none asks. The run, lowered to 3 at a time
    // meanwhile, has started nothing since: only a tick that looks again on its own goes on.
    int items = 2_000;
    String arn = start(items, "\"MaxConcurrency\": 1005,", java.util.Set.of(), i -> i >= 1_000 && i < 1_005 ? 100 : 1 + i % 13);
    java.util.concurrent.atomic.AtomicBoolean lowered = new java.util.concurrent.atomic.AtomicBoolean();
    drain(() -> {
      List<MapRunRecord> runs = memory.mapRuns().mapRuns(arn);
      if (!runs.isEmpty() && !lowered.getAndSet(true)) {
        assertThat(runtime.commands().updateMapRun(runs.get(0).mapRunArn(), 3, 0, 0)).isTrue();
      }
    });

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertOutputsInOrder(r.output(), items);
    assertThat(memory.mapRuns().mapRuns(arn).get(0).maxConcurrency()).isEqualTo(3);
  }

  @Test
  void aTickDeliveredAgainAfterItsCallDiedBetweenItsClaimAndItsStartsStartsTheChildrenItClaimed() {
    dieAfterClaim = 3;
    String arn = start(300, "\"MaxConcurrency\": 20,", java.util.Set.of());
    drain(() -> {}); // the runtime hands the tick received again its receive count

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertOutputsInOrder(r.output(), 300);
  }

  @Test
  void anExpressSliceWhoseCallDiedAfterItsClaimIsRunByTheCheckSentBeforeTheClaim() {
    executionType = "EXPRESS";
    dieAfterClaim = 2;
    String arn = start(300, "\"MaxConcurrency\": 100,", java.util.Set.of());
    drain(() -> {});

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertOutputsInOrder(r.output(), 300);
  }

  @Test
  void failuresPastTheToleranceEndTheRunAsSoonAsATickCountsThem() {
    String arn = start(1_000, "\"MaxConcurrency\": 300, \"ToleratedFailureCount\": 2,", java.util.Set.of(5, 250, 600));
    drain(() -> {});

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    MapRunRecord run = memory.mapRuns().mapRuns(arn).get(0);
    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(run.cursor()).isLessThan(1_000); // it did not start every child first
  }

  @Test
  void failuresWithinTheToleranceLetTheRunSucceedWithNullsForThem() {
    String arn = start(1_000, "\"MaxConcurrency\": 300, \"ToleratedFailureCount\": 3,", java.util.Set.of(5, 250, 600));
    drain(() -> {});

    ExecutionResult r = result(arn);
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output().get(250).isNull()).isTrue();
    assertThat(r.output().get(251).asInt()).isEqualTo(251);
    assertThat(calls("outcomes")).isEqualTo(1);
  }
}
