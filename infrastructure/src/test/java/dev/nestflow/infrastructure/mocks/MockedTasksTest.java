package dev.nestflow.infrastructure.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.embedded.EmbeddedRuntime;
import dev.nestflow.infrastructure.store.StateMachineRecord;
import dev.nestflow.infrastructure.tasks.InMemoryServices;
import dev.nestflow.infrastructure.tasks.InMemorySqs;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.infrastructure.tasks.SqsIntegration;
import dev.nestflow.infrastructure.tasks.TaskInvoker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The documented LambdaSQSIntegration sample, run on the embedded runtime with each of its test cases. */
class MockedTasksTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration";
  static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue";

  final InMemoryServices services =
      new InMemoryServices(Clock.systemUTC(), () -> UUID.randomUUID().toString(), "us-east-1", "123456789012");
  final InMemorySqs sqs = services.sqs();
  final MockedTasks mocks = new MockedTasks(MockConfig.read(MockConfigTest.EXAMPLE));
  final EmbeddedRuntime embedded = new EmbeddedRuntime(START, mocks.before(TaskIntegrations.builder()
      .add(new SqsIntegration(services, Clock.systemUTC(), () -> UUID.randomUUID().toString())).build()));
  final String definition;

  MockedTasksTest() throws Exception {
    definition = Files.readString(Path.of("..", "examples", "mock-config", "LambdaSQSIntegration.asl.json"));
    embedded.store().putStateMachine(new StateMachineRecord(ARN, "LambdaSQSIntegration", "STANDARD", definition,
        "arn:aws:iam::123456789012:role/r", START.toEpochMilli()));
    sqs.createQueue(QUEUE);
  }

  ExecutionResult run(String testCase, String name) {
    if (testCase != null) {
      mocks.assign("LambdaSQSIntegration", name, testCase, definition);
    }
    String arn = embedded.runtime().commands().startExecution(ARN, name, "{}").executionArn();
    embedded.runUntilIdle(START.plus(Duration.ofDays(1)));
    return embedded.runtime().commands().describe(arn).orElseThrow();
  }

  static List<String> types(ExecutionResult r) {
    return r.history().stream().map(e -> e.get("type").asText()).toList();
  }

  @Test
  void happyPathAnswersBothTasksFromTheirMocksAndPassesTheLambdaResultOn() {
    ExecutionResult r = run("HappyPath", "happy");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse(
        "{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\",\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}"));
    ObjectNode sqsEntered = r.history().stream()
        .filter(e -> e.get("type").asText().equals("TaskStateEntered")
            && e.path("stateEnteredEventDetails").path("name").asText().equals("SQSState"))
        .findFirst().orElseThrow();
    assertThat(Json.parse(sqsEntered.path("stateEnteredEventDetails").path("input").asText()))
        .isEqualTo(Json.parse("{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,\"body\":\"Hello from Lambda!\"}}"));
    assertThat(types(r)).containsExactly("ExecutionStarted",
        "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
        "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
        "ExecutionSucceeded");
    assertThat(sqs.messages(QUEUE)).as("a mocked task never calls the service").isEmpty();
  }

  @Test
  void retryPathFailsThreeTimesOnTheRetryScheduleThenSucceeds() {
    ExecutionResult r = run("RetryPath", "retry");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    List<ObjectNode> failed = r.history().stream().filter(e -> e.get("type").asText().equals("TaskFailed")).toList();
    assertThat(failed).extracting(e -> e.path("taskFailedEventDetails").path("error").asText())
        .containsExactly("Lambda.ResourceNotReadyException", "Lambda.TimeoutException", "Lambda.TimeoutException");
    List<Instant> scheduled = r.history().stream().filter(e -> e.get("type").asText().equals("TaskScheduled"))
        .map(e -> Instant.ofEpochMilli(e.get("timestamp").decimalValue().movePointRight(3).longValue())).toList();
    assertThat(scheduled).hasSize(5);
    // IntervalSeconds 2, BackoffRate 2: the attempts start 2, 4 and 8 seconds after each failure
    assertThat(Duration.between(scheduled.get(0), scheduled.get(1))).isEqualTo(Duration.ofSeconds(2));
    assertThat(Duration.between(scheduled.get(1), scheduled.get(2))).isEqualTo(Duration.ofSeconds(4));
    assertThat(Duration.between(scheduled.get(2), scheduled.get(3))).isEqualTo(Duration.ofSeconds(8));
    assertThat(r.output().path("MessageId").asText()).isEqualTo("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51");
  }

  @Test
  void hybridPathMocksTheLambdaAndCallsTheRealQueue() {
    ExecutionResult r = run("HybridPath", "hybrid");
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(sqs.messages(QUEUE)).singleElement()
        .satisfies(m -> assertThat(Json.parse(m.body()).path("Payload").path("body").asText()).isEqualTo("Hello from Lambda!"));
    assertThat(r.output().path("MessageId").asText()).isEqualTo(sqs.messages(QUEUE).get(0).messageId());
  }

  @Test
  void anExecutionWithoutATestCaseCallsTheRealIntegrations() {
    ExecutionResult r = run(null, "plain");
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.cause()).contains("arn:aws:states:::lambda:invoke");
  }

  @Test
  void anInvocationTheFileDoesNotAnswerFailsTheExecutionWhateverItsRetry() {
    String config = """
        {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"Short": {"LambdaState": "TwoFailures"}}}},
         "MockedResponses": {"TwoFailures": {"0-1": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "slow"}}}}}""";
    MockedTasks shortMocks = new MockedTasks(MockConfig.parse(config, "short.json"));
    EmbeddedRuntime other = new EmbeddedRuntime(START, shortMocks.before(TaskInvoker.none()));
    other.store().putStateMachine(new StateMachineRecord(ARN, "LambdaSQSIntegration", "STANDARD", definition, "r", 0));
    shortMocks.assign("LambdaSQSIntegration", "x", "Short", definition);
    String arn = other.runtime().commands().startExecution(ARN, "x", "{}").executionArn();
    other.runUntilIdle(START.plus(Duration.ofDays(1)));
    ExecutionResult r = other.runtime().commands().describe(arn).orElseThrow();
    assertThat(r.status()).isEqualTo("FAILED");
    assertThat(r.error()).isEqualTo("States.Runtime");
    assertThat(r.cause()).isEqualTo("Mocked response 'TwoFailures' of test case 'Short' has no answer for invocation 2"
        + " of state 'LambdaState' (it answers invocations 0-1)");
  }

  @Test
  void aCallbackTaskIsAnsweredByItsMockWithoutAToken() {
    String callback = """
        {"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
          "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}}""";
    String config = """
        {"StateMachines": {"Cb": {"TestCases": {"Approved": {"Approve": "Yes"}}}},
         "MockedResponses": {"Yes": {"0": {"Return": {"approved": true}}}}}""";
    MockedTasks cb = new MockedTasks(MockConfig.parse(config, "cb.json"));
    EmbeddedRuntime other = new EmbeddedRuntime(START, cb.before(TaskInvoker.none()));
    String machine = ARN.replace("LambdaSQSIntegration", "Cb");
    other.store().putStateMachine(new StateMachineRecord(machine, "Cb", "STANDARD", callback, "r", 0));
    cb.assign("Cb", "one", "Approved", callback);
    String arn = other.runtime().commands().startExecution(machine, "one", "{}").executionArn();
    other.runUntilIdle(START.plus(Duration.ofDays(1)));
    ExecutionResult r = other.runtime().commands().describe(arn).orElseThrow();
    assertThat(r.status()).isEqualTo("SUCCEEDED");
    assertThat(r.output()).isEqualTo(Json.parse("{\"approved\":true}"));
  }

  @Test
  void aSyncServiceTaskEndsWithItsMockedJobResultAndItsFailureReachesCatch() {
    String job = """
        {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
          "Parameters": {"Cluster": "c", "TaskDefinition": "t"}, "ResultSelector": {"stopped.$": "$.Tasks[0].StopCode"},
          "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Failed"}], "End": true},
          "Failed": {"Type": "Pass", "End": true}}}""";
    String config = """
        {"StateMachines": {"Job": {"TestCases": {"Done": {"Run": "Stopped"}, "Crash": {"Run": "Crashed"}}}},
         "MockedResponses": {"Stopped": {"0": {"Return": {"Tasks": [{"StopCode": "EssentialContainerExited"}]}}},
                             "Crashed": {"0": {"Throw": {"Error": "States.TaskFailed", "Cause": "exit 1"}}}}}""";
    MockedTasks jobs = new MockedTasks(MockConfig.parse(config, "job.json"));
    EmbeddedRuntime other = new EmbeddedRuntime(START, jobs.before(TaskInvoker.none()));
    String machine = ARN.replace("LambdaSQSIntegration", "Job");
    other.store().putStateMachine(new StateMachineRecord(machine, "Job", "STANDARD", job, "r", 0));
    jobs.assign("Job", "done", "Done", job);
    jobs.assign("Job", "crash", "Crash", job);
    String done = other.runtime().commands().startExecution(machine, "done", "{}").executionArn();
    String crash = other.runtime().commands().startExecution(machine, "crash", "{}").executionArn();
    other.runUntilIdle(START.plus(Duration.ofDays(1)));
    ExecutionResult ok = other.runtime().commands().describe(done).orElseThrow();
    assertThat(ok.output()).isEqualTo(Json.parse("{\"stopped\":\"EssentialContainerExited\"}"));
    assertThat(types(ok)).contains("TaskScheduled", "TaskStarted", "TaskSucceeded");
    ExecutionResult caught = other.runtime().commands().describe(crash).orElseThrow();
    assertThat(caught.status()).isEqualTo("SUCCEEDED");
    assertThat(caught.output().path("error").path("Cause").asText()).isEqualTo("exit 1");
  }

  @Test
  void aTestCaseMockingAStateTheMachineLacksIsRefusedBeforeTheStart() {
    String config = """
        {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"Typo": {"LambdaStat": "R"}}}},
         "MockedResponses": {"R": {"0": {"Return": 1}}}}""";
    MockedTasks typo = new MockedTasks(MockConfig.parse(config, "typo.json"));
    assertThatThrownBy(() -> typo.assign("LambdaSQSIntegration", "x", "Typo", definition))
        .isInstanceOf(MockConfigException.class)
        .hasMessageContaining("mocks state \"LambdaStat\", which the definition does not have (its Task states: LambdaState, SQSState)");
  }
}
