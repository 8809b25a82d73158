package dev.nestflow.infrastructure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/** Every operation through the official SDK client against the API on a free port ({@link ApiServer}). */
class SfnClientIntegrationTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/nestflow-test";
  static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":true},\"End\":true}}}";
  static final String WAIT_LONG = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";

  static ApiServer service;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    service = ApiServer.start();
    sfn = client(URI.create("http://127.0.0.1:" + service.port()));
  }

  @AfterAll
  static void stop() {
    sfn.close();
    service.close();
  }

  static SfnClient client(URI endpoint) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  static String create(String name, String definition) {
    return create(name, definition, StateMachineType.STANDARD);
  }

  static String create(String name, String definition, StateMachineType type) {
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE).type(type)).stateMachineArn();
  }

  static DescribeExecutionResponse awaitEnd(String executionArn) {
    return await(() -> sfn.describeExecution(b -> b.executionArn(executionArn)), d -> d.status() != ExecutionStatus.RUNNING);
  }

  static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      T value = read.get();
      if (done.test(value) || System.nanoTime() > deadline) {
        return value;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void stateMachineLifecycleWithTagsVersionsAndDelete() {
    var created = sfn.createStateMachine(b -> b.name("Lifecycle").definition(PASS).roleArn(ROLE)
        .tags(Tag.builder().key("team").value("core").build()).publish(true).versionDescription("first"));
    String arn = created.stateMachineArn();
    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:Lifecycle");
    assertThat(created.stateMachineVersionArn()).isEqualTo(arn + ":1");
    assertThat(created.creationDate()).isNotNull();

    // the same request again is answered with the same machine; a different one is refused
    assertThat(sfn.createStateMachine(b -> b.name("Lifecycle").definition(PASS).roleArn(ROLE)).stateMachineArn()).isEqualTo(arn);
    assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("Lifecycle").definition(WAIT_LONG).roleArn(ROLE)))
        .isInstanceOf(SfnException.class)
        .satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorCode()).isEqualTo("StateMachineAlreadyExists"));

    var described = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
    assertThat(described.name()).isEqualTo("Lifecycle");
    assertThat(described.definition()).isEqualTo(PASS);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.typeAsString()).isEqualTo("STANDARD");
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");

    String changed = PASS.replace("{\"ok\":true}", "{\"ok\":false}");
    var updated = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(changed).publish(true).versionDescription("second"));
    assertThat(updated.stateMachineVersionArn()).isEqualTo(arn + ":2");
    assertThat(updated.revisionId()).isNotEqualTo(described.revisionId());
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1")).definition()).isEqualTo(PASS);
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":2")).description()).isEqualTo("second");
    assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
        .extracting(v -> v.stateMachineVersionArn()).containsExactly(arn + ":2", arn + ":1");
    assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn()).isEqualTo(arn + ":2");

    // an execution of version 1 runs version 1's definition and names the version
    String viaVersion = sfn.startExecution(b -> b.stateMachineArn(arn + ":1").name("v1")).executionArn();
    assertThat(viaVersion).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:Lifecycle:v1");
    DescribeExecutionResponse d = awaitEnd(viaVersion);
    assertThat(d.output()).isEqualTo("{\"ok\":true}");
    assertThat(d.stateMachineVersionArn()).isEqualTo(arn + ":1");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn + ":1")).executions()).hasSize(1);
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn + ":2")).executions()).isEmpty();
    assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(viaVersion)).definition()).isEqualTo(PASS);

    assertThat(sfn.listStateMachines().stateMachines()).extracting(m -> m.stateMachineArn()).contains(arn);

    sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
    assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=core", "env=dev");
    sfn.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
    assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key).containsExactly("env");

    sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageContaining("State Machine Does Not Exist: '" + arn + "'");
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThat(sfn.listStateMachines().stateMachines()).extracting(m -> m.stateMachineArn()).doesNotContain(arn);
  }

  @Test
  void createRejectsBadDefinitionNameAndRole() {
    assertThatThrownBy(() -> create("Bad", "{\"StartAt\":\"X\"}"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
    assertThatThrownBy(() -> create("bad name", PASS)).isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("Invalid Name: 'bad name'");
    assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("BadRole").definition(PASS).roleArn("role")))
        .isInstanceOf(InvalidArnException.class);
    assertThat(sfn.listStateMachines().stateMachines()).extracting(m -> m.name()).doesNotContain("Bad", "bad name", "BadRole");
  }

  @Test
  void validateStateMachineDefinitionReportsDiagnostics() {
    var ok = sfn.validateStateMachineDefinition(b -> b.definition(PASS));
    assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(ok.diagnostics()).isEmpty();
    var fail = sfn.validateStateMachineDefinition(b -> b.definition("{\"StartAt\":\"X\"}"));
    assertThat(fail.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(fail.diagnostics()).extracting(x -> x.code() + " " + x.message())
        .containsExactly("SCHEMA_VALIDATION_FAILED These fields are required: [States]");
  }

  @Test
  void startExecutionIsIdempotentWhileRunningAndChecksNameAndInput() {
    String sm = create("Starts", WAIT_LONG);
    var first = sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{\"a\":1}"));
    var again = sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{\"a\":1}"));
    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(again.startDate()).isEqualTo(first.startDate());
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{\"a\":2}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageContaining("Execution Already Exists: '" + first.executionArn() + "'");
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(sm).name("a:b")))
        .isInstanceOf(InvalidNameException.class).hasMessageContaining("Invalid Name: 'a:b'");
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(sm).input("not some json")))
        .isInstanceOf(InvalidExecutionInputException.class)
        .hasMessageContaining("Invalid State Machine Execution Input: 'Unrecognized token 'not'");
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(sm).input("")))
        .isInstanceOf(InvalidExecutionInputException.class)
        .hasMessageContaining("Invalid State Machine Execution Input: 'Invalid execution input.'");
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(sm + "Missing")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:execution:Starts:same")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("Invalid Arn: 'Resource type not valid in this context: execution'");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(sm)).executions()).hasSize(1);
    sfn.stopExecution(b -> b.executionArn(first.executionArn()));
  }

  @Test
  void describeListAndStopExecutions() {
    String sm = create("Listing", WAIT_LONG);
    for (int i = 0; i < 5; i++) {
      int n = i;
      sfn.startExecution(b -> b.stateMachineArn(sm).name("run-" + n));
    }
    String arn = sm.replace(":stateMachine:", ":execution:") + ":run-0";
    DescribeExecutionResponse running = sfn.describeExecution(b -> b.executionArn(arn));
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.input()).isEqualTo("{}");
    assertThat(running.stopDate()).isNull();
    var stopped = sfn.stopExecution(b -> b.executionArn(arn).error("Halt").cause("by test"));
    assertThat(stopped.stopDate()).isNotNull();
    DescribeExecutionResponse aborted = awaitEnd(arn);
    assertThat(aborted.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(aborted.error()).isEqualTo("Halt");
    assertThat(aborted.cause()).isEqualTo("by test");

    ListExecutionsResponse page1 = sfn.listExecutions(b -> b.stateMachineArn(sm).statusFilter(ExecutionStatus.RUNNING).maxResults(3));
    assertThat(page1.executions()).hasSize(3);
    assertThat(page1.nextToken()).isNotNull();
    ListExecutionsResponse page2 =
        sfn.listExecutions(b -> b.stateMachineArn(sm).statusFilter(ExecutionStatus.RUNNING).maxResults(3).nextToken(page1.nextToken()));
    assertThat(page2.executions()).hasSize(1);
    assertThat(page2.nextToken()).isNull();
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(sm).statusFilter(ExecutionStatus.ABORTED)).executions())
        .extracting(e -> e.name()).containsExactly("run-0");
    assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(sm).nextToken("forged")))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(sm).maxResults(1001)))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
            + "Member must have value less than or equal to 1000");
    assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(sm.replace(":stateMachine:", ":execution:") + ":nope")))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .hasMessageContaining("Execution Does Not Exist: '");
    assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class).hasMessageContaining("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
    for (int i = 1; i < 5; i++) {
      int n = i;
      sfn.stopExecution(b -> b.executionArn(sm.replace(":stateMachine:", ":execution:") + ":run-" + n));
    }
  }

  @Test
  void executionHistoryPagesInBothOrdersWithAndWithoutData() {
    String sm = create("History", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
        + "\"B\":{\"Type\":\"Pass\",\"Result\":{\"b\":2},\"End\":true}}}");
    String arn = sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"a\":1}")).executionArn();
    assertThat(awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    List<HistoryEvent> all = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    assertThat(all).extracting(HistoryEvent::type).containsExactly(
        HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
        HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(all.get(0).executionStartedEventDetails().input()).isEqualTo("{\"a\":1}");
    assertThat(all.get(0).timestamp()).isNotNull();

    GetExecutionHistoryResponse first = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(4).reverseOrder(true));
    assertThat(first.events()).extracting(HistoryEvent::id).containsExactly(6L, 5L, 4L, 3L);
    GetExecutionHistoryResponse rest =
        sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(4).reverseOrder(true).nextToken(first.nextToken()));
    assertThat(rest.events()).extracting(HistoryEvent::id).containsExactly(2L, 1L);
    assertThat(rest.nextToken()).isNull();

    List<HistoryEvent> bare = sfn.getExecutionHistory(b -> b.executionArn(arn).includeExecutionData(false)).events();
    assertThat(bare.get(0).executionStartedEventDetails().input()).isNull();
    assertThat(bare.get(5).executionSucceededEventDetails().output()).isNull();
    assertThat(all.get(5).executionSucceededEventDetails().output()).isEqualTo("{\"b\":2}");
  }

  @Test
  void startSyncExecutionRunsExpressMachinesToTheirEnd() {
    String express = create("Quick", PASS, StateMachineType.EXPRESS);
    StartSyncExecutionResponse r = sfn.startSyncExecution(b -> b.stateMachineArn(express).input("{}"));
    assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("{\"ok\":true}");
    assertThat(r.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:express:Quick:");
    assertThat(r.billingDetails().billedDurationInMilliseconds()).isPositive();

    String failing = create("QuickFail", "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Nope\",\"Cause\":\"c\"}}}",
        StateMachineType.EXPRESS);
    StartSyncExecutionResponse f = sfn.startSyncExecution(b -> b.stateMachineArn(failing));
    assertThat(f.status()).isEqualTo(SyncExecutionStatus.FAILED);
    assertThat(f.error()).isEqualTo("Nope");
    assertThat(f.cause()).isEqualTo("c");

    assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(r.executionArn())))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("Invalid Arn: 'Resource type not valid in this context: express'");
    assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(express)))
        .isInstanceOf(StateMachineTypeNotSupportedException.class);
    String standard = create("NotQuick", PASS);
    assertThatThrownBy(() -> sfn.startSyncExecution(b -> b.stateMachineArn(standard)))
        .isInstanceOf(StateMachineTypeNotSupportedException.class);
  }

  @Test
  void callbacksAnswerTheWaitingTaskOnceAndOnlyOnce() {
    String child = create("CallbackChild", WAIT_LONG);
    String parent = create("CallbackParent", "{\"StartAt\":\"Ask\",\"States\":{\"Ask\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.waitForTaskToken\",\"Parameters\":{\"StateMachineArn\":\""
        + child + "\",\"Name\":\"callback-child\",\"Input\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}");
    String parentArn = sfn.startExecution(b -> b.stateMachineArn(parent).name("p")).executionArn();
    String childArn = child.replace(":stateMachine:", ":execution:") + ":callback-child";
    String token = childToken(childArn);

    sfn.sendTaskHeartbeat(b -> b.taskToken(token));
    sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"answer\":42}"));
    DescribeExecutionResponse done = awaitEnd(parentArn);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"answer\":42}");
    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
        .isInstanceOf(TaskTimedOutException.class);
    assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken("forged-token")))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("forged-token")))
        .isInstanceOf(InvalidTokenException.class);
    sfn.stopExecution(b -> b.executionArn(childArn));

    String failingChild = create("CallbackChild2", WAIT_LONG);
    String parent2 = create("CallbackParent2", "{\"StartAt\":\"Ask\",\"States\":{\"Ask\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.waitForTaskToken\",\"Parameters\":{\"StateMachineArn\":\""
        + failingChild + "\",\"Name\":\"c2\",\"Input\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}");
    String parent2Arn = sfn.startExecution(b -> b.stateMachineArn(parent2)).executionArn();
    String token2 = childToken(failingChild.replace(":stateMachine:", ":execution:") + ":c2");
    sfn.sendTaskFailure(b -> b.taskToken(token2).error("Custom.Error").cause("worker gave up"));
    DescribeExecutionResponse failed = awaitEnd(parent2Arn);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("Custom.Error");
    assertThat(failed.cause()).isEqualTo("worker gave up");
    sfn.stopExecution(b -> b.executionArn(failingChild.replace(":stateMachine:", ":execution:") + ":c2"));
  }

  private static String childToken(String childArn) {
    DescribeExecutionResponse child = await(() -> {
      try {
        return sfn.describeExecution(b -> b.executionArn(childArn));
      } catch (ExecutionDoesNotExistException notYet) {
        return null;
      }
    }, d -> d != null);
    assertThat(child).isNotNull();
    JsonNode input = Json.parse(child.input());
    return input.path("token").asText();
  }

  @Test
  void sync2ChildResultIsTheChildsDescription() {
    String child = create("SyncChild", PASS);
    String parent = create("SyncParent", "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\",\"Parameters\":{\"StateMachineArn\":\"" + child
        + "\",\"Input\":{\"n\":1}},\"End\":true}}}");
    String arn = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = awaitEnd(arn);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = Json.parse(done.output());
    assertThat(output.path("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(output.path("Output")).isEqualTo(Json.parse("{\"ok\":true}"));
  }

  @Test
  void activitiesAreCreatedDescribedListedAndDeleted() {
    var created = sfn.createActivity(b -> b.name("worker-queue").tags(Tag.builder().key("k").value("v").build()));
    String arn = created.activityArn();
    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:worker-queue");
    assertThat(sfn.createActivity(b -> b.name("worker-queue")).activityArn()).isEqualTo(arn);
    assertThat(sfn.describeActivity(b -> b.activityArn(arn)).name()).isEqualTo("worker-queue");
    assertThat(sfn.listActivities().activities()).extracting(a -> a.activityArn()).contains(arn);
    assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key).containsExactly("k");
    sfn.deleteActivity(b -> b.activityArn(arn));
    assertThatThrownBy(() -> sfn.describeActivity(b -> b.activityArn(arn)))
        .isInstanceOf(ActivityDoesNotExistException.class)
        .hasMessageContaining("Activity Does Not Exist: '" + arn + "'");
  }

  @Test
  void anActivityWorkerTakesTheTaskWithGetActivityTaskAndAnswersIt() {
    String activity = sfn.createActivity(b -> b.name("packers")).activityArn();
    String machine = create("Packing", "{\"StartAt\":\"Pack\",\"States\":{\"Pack\":{\"Type\":\"Task\",\"Resource\":\""
        + activity + "\",\"End\":true}}}");
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"box\":1}")).executionArn();

    var task = sfn.getActivityTask(b -> b.activityArn(activity).workerName("worker-7"));
    assertThat(task.taskToken()).isNotBlank();
    assertThat(Json.parse(task.input())).isEqualTo(Json.parse("{\"box\":1}"));
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"packed\":true}"));

    DescribeExecutionResponse done = awaitEnd(arn);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(done.output())).isEqualTo(Json.parse("{\"packed\":true}"));
    var history = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    assertThat(history).extracting(e -> e.typeAsString()).contains("ActivityScheduled", "ActivityStarted", "ActivitySucceeded");
    assertThat(history.stream().filter(e -> e.activityStartedEventDetails() != null).findFirst().orElseThrow()
        .activityStartedEventDetails().workerName()).isEqualTo("worker-7");
  }

  @Test
  void getActivityTaskOnAnUnknownActivityIsActivityDoesNotExist() {
    assertThatThrownBy(() -> sfn.getActivityTask(b -> b.activityArn("arn:aws:states:us-east-1:123456789012:activity:none")))
        .isInstanceOf(ActivityDoesNotExistException.class);
  }

  @Test
  void aDeletedStateMachineCannotBeStartedByANestedTaskEither() {
    String child = create("DoomedChild", PASS);
    String parent = create("StartsDoomed", "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution\",\"Parameters\":{\"StateMachineArn\":\"" + child
        + "\"},\"End\":true}}}");
    sfn.deleteStateMachine(b -> b.stateMachineArn(child));

    String arn = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = awaitEnd(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
  }
}
