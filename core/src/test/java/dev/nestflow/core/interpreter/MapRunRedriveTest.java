package dev.nestflow.core.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.errors.StatesException;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.states.StateMachineParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RedriveExecution of an execution whose distributed Map failed redrives the Map's map run. */
class MapRunRedriveTest {
  private static final String DEFINITION = """
      {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{
        "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}}}}
      """;

  private static Execution execution() {
    return new Execution(StateMachineParser.parse(Json.parse(DEFINITION)), Runs.identity(), Json.parse("[1,2,3]"),
        null, Environment.of(new Random(1)));
  }

  private static <T extends Effect> T only(List<Effect> effects, Class<T> type) {
    return effects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  @Test
  void theRedriveOfAFailedDistributedMapRedrivesItsMapRunAndWritesMapRunRedriven() {
    Execution ex = execution();
    Effect.StartMapRun started = only(ex.start(Runs.START), Effect.StartMapRun.class);
    ex.deliver(new Signal.TaskFailed(started.key(), "States.ExceedToleratedFailureThreshold", "x"), Runs.START.plusSeconds(1));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);

    Effect.RedriveMapRun redrive = only(ex.deliver(new Signal.Redrive(null), Runs.START.plusSeconds(2)),
        Effect.RedriveMapRun.class);
    assertThat(redrive.mapRunArn()).isEqualTo(started.request().mapRunArn());
    assertThat(redrive.key()).isNotEqualTo(started.key());
    assertThat(redrive.redriveCount()).isEqualTo(1);
    // an answer of the first attempt changes nothing
    assertThat(ex.deliver(new Signal.TaskSucceeded(started.key(), Json.parse("[0]")), Runs.START.plusSeconds(3))).isEmpty();
    ex.deliver(new Signal.TaskSucceeded(redrive.key(), Json.parse("[1,2,3]")), Runs.START.plusSeconds(4));

    assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ex.result().output()).isEqualTo(Json.parse("[1,2,3]"));
    List<String> types = new ArrayList<>();
    ex.result().history().forEach(e -> types.add(e.path("type").asText()));
    assertThat(types).containsSubsequence("MapRunStarted", "MapRunFailed", "ExecutionFailed", "ExecutionRedriven",
        "MapRunRedriven", "MapRunSucceeded", "MapStateSucceeded", "ExecutionSucceeded");
    // the same map run goes on: no second one is started
    assertThat(types.stream().filter("MapRunStarted"::equals)).hasSize(1);
    JsonNode redriven = ex.result().history().stream().filter(e -> "MapRunRedriven".equals(e.path("type").asText()))
        .findFirst().orElseThrow().path("mapRunRedrivenEventDetails");
    assertThat(redriven.path("mapRunArn").asText()).isEqualTo(started.request().mapRunArn());
    assertThat(redriven.path("redriveCount").asInt()).isEqualTo(1);
  }

  @Test
  void aMapRunThatFailedReadingItsItemsIsNotRedrivenTheMapStartsANewOne() {
    Execution ex = execution();
    Effect.StartMapRun started = only(ex.start(Runs.START), Effect.StartMapRun.class);
    ex.deliver(new Signal.TaskFailed(started.key(), "States.ItemReaderFailed", "Access Denied"), Runs.START.plusSeconds(1));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);

    List<Effect> effects = ex.deliver(new Signal.Redrive(null), Runs.START.plusSeconds(2));

    assertThat(effects).noneMatch(Effect.RedriveMapRun.class::isInstance);
    Effect.StartMapRun again = only(effects, Effect.StartMapRun.class);
    assertThat(again.request().mapRunArn()).isNotEqualTo(started.request().mapRunArn());
    ex.deliver(new Signal.TaskSucceeded(again.key(), Json.parse("[1,2,3]")), Runs.START.plusSeconds(3));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<String> types = new ArrayList<>();
    ex.result().history().forEach(e -> types.add(e.path("type").asText()));
    assertThat(types).containsSubsequence("MapRunStarted", "MapRunFailed", "ExecutionRedriven", "MapRunStarted",
        "MapRunSucceeded", "ExecutionSucceeded");
    assertThat(types).doesNotContain("MapRunRedriven");
  }

  @Test
  void theInProcessRunnerRunsAgainOnlyTheChildrenThatFailed() {
    Set<String> failedOnce = new HashSet<>();
    List<JsonNode> ran = new ArrayList<>();
    TaskHandler tasks = task -> {
      ran.add(task.input());
      if (task.input().asInt() == 2 && failedOnce.add("2")) {
        throw new StatesException("Boom", "the first time");
      }
      return Json.NODES.numberNode(task.input().asInt() * 10);
    };
    InProcessMapRuns runner = new InProcessMapRuns();
    Execution ex = execution();
    Effect.StartMapRun started = only(ex.start(Runs.START), Effect.StartMapRun.class);
    Signal first = runner.run(started, Runs.START, tasks);
    assertThat(first).isInstanceOf(Signal.TaskFailed.class);
    ex.deliver(first, Runs.START);
    assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
    ran.clear();

    Effect.RedriveMapRun redrive = only(ex.deliver(new Signal.Redrive(null), Runs.START.plusSeconds(1)),
        Effect.RedriveMapRun.class);
    Signal second = runner.redrive(redrive, Runs.START.plusSeconds(1), tasks);
    // item 1 succeeded and keeps its output; item 2 failed and runs again; item 3 never started
    assertThat(ran).containsExactly(Json.parse("2"), Json.parse("3"));
    ex.deliver(second, Runs.START.plusSeconds(1));
    assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ex.result().output()).isEqualTo(Json.parse("[10,20,30]"));
  }
}
