package dev.nestflow.infrastructure.api;

import static dev.nestflow.infrastructure.api.SfnClientIntegrationTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;

/**
 * Distributed Maps through the official SDK client: each item runs as a child execution of a map
 * run, with its own history; DescribeMapRun, ListMapRuns, UpdateMapRun and ListExecutions by map run
 * answer as AWS does; MaxConcurrency, the tolerated failures and a parent's stop reach the children.
 * Children that must wait run an activity task, which the test answers as a worker.
 */
class MapRunSdkTest {
  static ApiServer service;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    service = ApiServer.start();
    sfn = SfnClientIntegrationTest.client(URI.create("http://127.0.0.1:" + service.port()));
  }

  @AfterAll
  static void stop() {
    sfn.close();
    service.close();
  }

  private static String machine(String name, String mapFields, String processorStates, String type) {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "Items", %s
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
                            "StartAt": "P", "States": %s},
          "End": true}}}
        """.formatted(mapFields, type, processorStates);
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(SfnClientIntegrationTest.ROLE))
        .stateMachineArn();
  }

  private static String activityChildren(String activityArn) {
    return "{\"P\": {\"Type\": \"Task\", \"Resource\": \"" + activityArn + "\", \"End\": true}}";
  }

  private static DescribeExecutionResponse awaitEnd(String executionArn) {
    return await(() -> sfn.describeExecution(b -> b.executionArn(executionArn)), d -> d.status() != ExecutionStatus.RUNNING);
  }

  private static String start(String machineArn, String input) {
    return sfn.startExecution(b -> b.stateMachineArn(machineArn).input(input)).executionArn();
  }

  private static String mapRunOf(String executionArn) {
    return await(() -> sfn.listMapRuns(b -> b.executionArn(executionArn)).mapRuns(), runs -> !runs.isEmpty())
        .get(0).mapRunArn();
  }

  private static DescribeMapRunResponse awaitRun(String mapRunArn, java.util.function.Predicate<DescribeMapRunResponse> done) {
    return await(() -> sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)), done);
  }

  private static List<ExecutionListItem> children(String mapRunArn) {
    return sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
  }

  private static int answerAll(String activityArn) {
    int answered = 0;
    while (true) {
      var task = sfn.getActivityTask(b -> b.activityArn(activityArn));
      if (task.taskToken() == null || task.taskToken().isEmpty()) {
        return answered;
      }
      sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output(task.input()));
      answered++;
    }
  }

  @Test
  void eachItemRunsAsAChildExecutionWithItsOwnHistory() {
    String sm = machine("DistPass", "\"ItemSelector\": {\"v.$\": \"$$.Map.Item.Value\"},",
        "{\"P\": {\"Type\": \"Pass\", \"End\": true}}", "STANDARD");
    String parent = start(sm, "[\"a\", \"b\", \"c\"]");

    DescribeExecutionResponse done = awaitEnd(parent);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("[{\"v\":\"a\"},{\"v\":\"b\"},{\"v\":\"c\"}]");
    String mapRun = mapRunOf(parent);
    assertThat(mapRun).matches("arn:aws:states:us-east-1:123456789012:mapRun:DistPass/Items:[0-9a-f-]{36}");
    List<HistoryEvent> parentEvents = sfn.getExecutionHistory(b -> b.executionArn(parent)).events();
    assertThat(parentEvents).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.MAP_RUN_STARTED,
        HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_SUCCEEDED);
    assertThat(parentEvents).hasSize(8); // no event per child in the parent

    var run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
    assertThat(run.executionArn()).isEqualTo(parent);
    assertThat(run.itemCounts().succeeded()).isEqualTo(3);
    assertThat(run.itemCounts().total()).isEqualTo(3);
    assertThat(run.executionCounts().running()).isZero();
    assertThat(run.stopDate()).isNotNull();

    List<ExecutionListItem> children = children(mapRun);
    assertThat(children).hasSize(3).allSatisfy(c -> {
      assertThat(c.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:execution:DistPass/Items:");
      assertThat(c.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:DistPass/Items");
      assertThat(c.mapRunArn()).isEqualTo(mapRun);
      assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    });
    String child = children.get(0).executionArn();
    assertThat(sfn.describeExecution(b -> b.executionArn(child)).mapRunArn()).isEqualTo(mapRun);
    var forChild = sfn.describeStateMachineForExecution(b -> b.executionArn(child));
    assertThat(forChild.mapRunArn()).isEqualTo(mapRun);
    assertThat(forChild.label()).isEqualTo("Items");
    assertThat(forChild.definition()).contains("\"StartAt\":\"P\"").doesNotContain("ProcessorConfig");
    assertThat(sfn.getExecutionHistory(b -> b.executionArn(child)).events()).extracting(HistoryEvent::type)
        .containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void maxConcurrencyBoundsTheRunningChildrenAndUpdateMapRunRaisesIt() {
    String activity = sfn.createActivity(b -> b.name("dist-workers")).activityArn();
    String sm = machine("DistLimited", "\"MaxConcurrency\": 2,", activityChildren(activity), "STANDARD");
    String parent = start(sm, "[1, 2, 3, 4, 5]");
    String mapRun = mapRunOf(parent);

    var limited = awaitRun(mapRun, r -> r.executionCounts().running() == 2);
    assertThat(limited.maxConcurrency()).isEqualTo(2);
    assertThat(limited.executionCounts().running()).isEqualTo(2);
    assertThat(limited.executionCounts().pending()).isEqualTo(3);
    assertThat(children(mapRun)).hasSize(2);

    sfn.updateMapRun(b -> b.mapRunArn(mapRun).maxConcurrency(4));

    var raised = awaitRun(mapRun, r -> r.executionCounts().running() == 4);
    assertThat(raised.maxConcurrency()).isEqualTo(4);
    assertThat(raised.executionCounts().pending()).isEqualTo(1);

    await(() -> answerAll(activity) >= 0 && sfn.describeExecution(b -> b.executionArn(parent)).status() != ExecutionStatus.RUNNING,
        ended -> ended);
    DescribeExecutionResponse done = awaitEnd(parent);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("[1,2,3,4,5]");
    assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).itemCounts().succeeded()).isEqualTo(5);
  }

  @Test
  void failuresPastTheToleranceFailTheMapRunAndTheState() {
    String failOdd = """
        {"P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 1, "Next": "Bad"}], "Default": "Ok"},
         "Bad": {"Type": "Fail", "Error": "Odd", "Cause": "one"},
         "Ok": {"Type": "Pass", "End": true}}""";
    String sm = machine("DistTolerant", "\"ToleratedFailureCount\": 1, \"MaxConcurrency\": 1,", failOdd, "STANDARD");
    String parent = start(sm, "[1, 2, 1, 2, 1]");

    DescribeExecutionResponse done = awaitEnd(parent);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(done.cause()).isEqualTo("The specified tolerated failure threshold was exceeded");
    String mapRun = mapRunOf(parent);
    var run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(run.itemCounts().failed()).isEqualTo(2);
    assertThat(run.itemCounts().succeeded()).isEqualTo(1);
    assertThat(run.itemCounts().pending()).isEqualTo(2); // the last two items never started
    assertThat(sfn.getExecutionHistory(b -> b.executionArn(parent)).events()).extracting(HistoryEvent::type)
        .contains(HistoryEventType.MAP_RUN_FAILED, HistoryEventType.MAP_STATE_FAILED);
  }

  @Test
  void stoppingTheParentAbortsTheMapRunAndItsRunningChildren() {
    String activity = sfn.createActivity(b -> b.name("dist-stopped")).activityArn();
    String sm = machine("DistStopped", "\"MaxConcurrency\": 2,", activityChildren(activity), "STANDARD");
    String parent = start(sm, "[1, 2, 3]");
    String mapRun = mapRunOf(parent);
    awaitRun(mapRun, r -> r.executionCounts().running() == 2);

    sfn.stopExecution(b -> b.executionArn(parent).error("Stop").cause("enough"));

    var run = awaitRun(mapRun, r -> r.status() != MapRunStatus.RUNNING);
    assertThat(run.status()).isEqualTo(MapRunStatus.ABORTED);
    List<ExecutionListItem> aborted = await(() -> sfn.listExecutions(b -> b.mapRunArn(mapRun).statusFilter(ExecutionStatus.ABORTED)).executions(),
        list -> list.size() == 2);
    assertThat(aborted).hasSize(2);
    assertThat(sfn.getExecutionHistory(b -> b.executionArn(parent)).events()).extracting(HistoryEvent::type)
        .endsWith(HistoryEventType.MAP_RUN_ABORTED, HistoryEventType.EXECUTION_ABORTED);
    assertThat(answerAll(activity)).isZero(); // the aborted children's tasks are not handed out
  }

  @Test
  void expressChildrenRunToTheirEndAndAreListedByTheMapRun() {
    String sm = machine("DistExpress", "", "{\"P\": {\"Type\": \"Pass\", \"Result\": \"done\", \"End\": true}}", "EXPRESS");
    String parent = start(sm, "[1, 2]");

    DescribeExecutionResponse done = awaitEnd(parent);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("[\"done\",\"done\"]");
    String mapRun = mapRunOf(parent);
    assertThat(children(mapRun)).hasSize(2).allSatisfy(c -> {
      assertThat(c.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:express:DistExpress/Items:");
      assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    });
    assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).itemCounts().succeeded()).isEqualTo(2);
  }

  @Test
  void itemsReadFromS3AreBatchedAndTheResultsWrittenBackToS3() {
    service.objects.createBucket("in");
    service.objects.createBucket("out");
    service.objects.put("in", "items.json", "[{\"n\":1},{\"n\":2},{\"n\":3}]".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "application/json");
    String sm = machine("DistS3", """
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket.$": "$.bucket", "Key": "items.json"}},
        "ItemSelector": {"value.$": "$$.Map.Item.Value.n"},
        "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run": "b"}},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "res"}},
        """, "{\"P\": {\"Type\": \"Pass\", \"End\": true}}", "STANDARD");
    String parent = start(sm, "{\"bucket\": \"in\"}");

    DescribeExecutionResponse done = awaitEnd(parent);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String mapRun = mapRunOf(parent);
    String runId = mapRun.substring(mapRun.lastIndexOf(':') + 1);
    assertThat(done.output()).isEqualTo("{\"MapRunArn\":\"" + mapRun
        + "\",\"ResultWriterDetails\":{\"Bucket\":\"out\",\"Key\":\"res/" + runId + "/manifest.json\"}}");
    assertThat(children(mapRun)).hasSize(2); // three items in batches of two
    String results = new String(service.objects.get("out", "res/" + runId + "/SUCCEEDED_0.json", 1 << 20),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(results).contains("\\\"Items\\\":[{\\\"value\\\":1},{\\\"value\\\":2}]")
        .contains("\\\"BatchInput\\\":{\\\"run\\\":\\\"b\\\"}");
    var run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(run.itemCounts().total()).isEqualTo(2);
    assertThat(run.itemCounts().resultsWritten()).isEqualTo(2);
  }

  @Test
  void anItemReaderThatCannotReadFailsTheStateWithItemReaderFailed() {
    String sm = machine("DistMissing", """
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket": "nowhere", "Key": "items.json"}},
        """, "{\"P\": {\"Type\": \"Pass\", \"End\": true}}", "STANDARD");
    String parent = start(sm, "{}");

    DescribeExecutionResponse done = awaitEnd(parent);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(done.cause()).contains("nowhere");
    assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRunOf(parent))).status()).isEqualTo(MapRunStatus.FAILED);
  }

  @Test
  void redrivingAParentWhoseItemReaderFailedStartsANewMapRunThatReadsTheItemsNowThere() {
    String sm = machine("DistLater", """
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket": "later", "Key": "items.json"}},
        """, "{\"P\": {\"Type\": \"Pass\", \"End\": true}}", "STANDARD");
    String parent = start(sm, "{}");
    assertThat(awaitEnd(parent).error()).isEqualTo("States.ItemReaderFailed");
    String firstRun = mapRunOf(parent);

    // the cause fixed (here: the object exists now), the parent is redriven
    service.objects.createBucket("later");
    service.objects.put("later", "items.json", "[{\"n\":1},{\"n\":2}]".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "application/json");
    sfn.redriveExecution(b -> b.executionArn(parent));
    DescribeExecutionResponse done = awaitEnd(parent);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("[{\"n\":1},{\"n\":2}]");
    List<String> runs = sfn.listMapRuns(b -> b.executionArn(parent)).mapRuns().stream().map(r -> r.mapRunArn()).toList();
    assertThat(runs).hasSize(2).contains(firstRun);
    assertThat(sfn.describeMapRun(b -> b.mapRunArn(firstRun)).status()).isEqualTo(MapRunStatus.FAILED);
  }

  @Test
  void aFailingChildFailsTheMapRunAndItsRunningSiblingsAreAborted() {
    String activity = sfn.createActivity(b -> b.name("dist-siblings")).activityArn();
    String states = """
        {"P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Bad"}], "Default": "Work"},
         "Bad": {"Type": "Wait", "Seconds": 1, "Next": "Boom"},
         "Boom": {"Type": "Fail", "Error": "Broken", "Cause": "item 0"},
         "Work": {"Type": "Task", "Resource": "%s", "End": true}}""".formatted(activity);
    String sm = machine("DistSiblings", "\"MaxConcurrency\": 3,", states, "STANDARD");
    String parent = start(sm, "[0, 1, 2, 3]");

    DescribeExecutionResponse done = awaitEnd(parent);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("Broken"); // no tolerance declared: the child's own error
    String mapRun = mapRunOf(parent);
    List<ExecutionListItem> aborted = await(() -> sfn.listExecutions(b -> b.mapRunArn(mapRun).statusFilter(ExecutionStatus.ABORTED)).executions(),
        list -> list.size() == 2);
    assertThat(aborted).hasSize(2);
    var run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(run.itemCounts().failed()).isEqualTo(1);
    assertThat(run.itemCounts().pending()).isEqualTo(1);
  }

  @Test
  void loweringTheToleranceWithUpdateMapRunFailsARunPastIt() {
    String activity = sfn.createActivity(b -> b.name("dist-tolerance")).activityArn();
    String states = """
        {"P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Boom"}], "Default": "Work"},
         "Boom": {"Type": "Fail", "Error": "Broken"},
         "Work": {"Type": "Task", "Resource": "%s", "End": true}}""".formatted(activity);
    String sm = machine("DistRetolerate", "\"MaxConcurrency\": 3, \"ToleratedFailureCount\": 5,", states, "STANDARD");
    String parent = start(sm, "[0, 1, 2]");
    String mapRun = mapRunOf(parent);
    awaitRun(mapRun, r -> r.itemCounts().failed() == 1 && r.executionCounts().running() == 2);

    sfn.updateMapRun(b -> b.mapRunArn(mapRun).toleratedFailureCount(0L));

    DescribeExecutionResponse done = awaitEnd(parent);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    var run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(run.toleratedFailureCount()).isZero();
  }

  @Test
  void redrivingAParentWhoseMapRunFailedRunsAgainOnlyTheChildThatFailed() {
    String activity = sfn.createActivity(b -> b.name("dist-redrive")).activityArn();
    String sm = machine("DistRedrive", "", activityChildren(activity), "STANDARD");
    String parent = start(sm, "[1, 2, 3]");
    String mapRun = mapRunOf(parent);
    List<software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse> tasks = new java.util.ArrayList<>();
    while (tasks.size() < 3) {
      var task = sfn.getActivityTask(b -> b.activityArn(activity));
      if (task.taskToken() != null && !task.taskToken().isEmpty()) {
        tasks.add(task);
      }
    }
    tasks.stream().filter(t -> !t.input().equals("2"))
        .forEach(t -> sfn.sendTaskSuccess(b -> b.taskToken(t.taskToken()).output("\"ok" + t.input() + "\"")));
    awaitRun(mapRun, r -> r.itemCounts().succeeded() == 2);
    tasks.stream().filter(t -> t.input().equals("2"))
        .forEach(t -> sfn.sendTaskFailure(b -> b.taskToken(t.taskToken()).error("Flaky").cause("first time")));
    assertThat(awaitEnd(parent).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.FAILED);

    sfn.redriveExecution(b -> b.executionArn(parent));
    var again = await(() -> sfn.getActivityTask(b -> b.activityArn(activity)),
        t -> t.taskToken() != null && !t.taskToken().isEmpty());
    assertThat(again.input()).isEqualTo("2");
    sfn.sendTaskSuccess(b -> b.taskToken(again.taskToken()).output("\"ok2\""));

    DescribeExecutionResponse done = awaitEnd(parent);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("[\"ok1\",\"ok2\",\"ok3\"]");
    assertThat(answerAll(activity)).isZero(); // the children that succeeded did not run again
    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(parent).maxResults(1000)).events();
    assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.MAP_RUN_FAILED,
        HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.MAP_RUN_REDRIVEN, HistoryEventType.MAP_RUN_SUCCEEDED);
    assertThat(events).filteredOn(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).hasSize(1);
    HistoryEvent redriven = events.stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_REDRIVEN).findFirst().orElseThrow();
    assertThat(redriven.mapRunRedrivenEventDetails().mapRunArn()).isEqualTo(mapRun);
    assertThat(redriven.mapRunRedrivenEventDetails().redriveCount()).isEqualTo(1);
    DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
    assertThat(run.redriveCount()).isEqualTo(1);
    assertThat(run.redriveDate()).isNotNull();
    assertThat(run.itemCounts().succeeded()).isEqualTo(3);
    List<ExecutionListItem> children = children(mapRun);
    assertThat(children).hasSize(3).allSatisfy(c -> assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
    // the failed Standard child was redriven (its history goes on), the others left as they were
    assertThat(children).extracting(c -> sfn.describeExecution(b -> b.executionArn(c.executionArn())).redriveCount())
        .containsExactlyInAnyOrder(0, 0, 1);
  }
}
