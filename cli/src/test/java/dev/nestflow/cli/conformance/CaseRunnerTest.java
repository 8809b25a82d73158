package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.interpreter.ExecutionResult;
import dev.nestflow.core.json.Json;
import dev.nestflow.core.validation.Diagnostic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseRunnerTest {
  private static final String PASS = "{'StartAt':'S','States':{'S':{'Type':'Pass','End':true}}}";
  private final FakeEngine engine = new FakeEngine();

  private CaseOutcome run(ConformanceCase c) {
    try (CaseRunner runner = new CaseRunner(engine, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), Duration.ofSeconds(5))) {
      return runner.run(c);
    }
  }

  private static ObjectNode event(String json) {
    return (ObjectNode) Json.parse(json.replace('\'', '"'));
  }

  @Test
  void echoedInputPassesWhenExpectedOutputIsTheInput() {
    CaseOutcome o = run(Cases.execution(PASS, "{'a':1}", "{'status':'SUCCEEDED','output':{'a':1}}", ""));
    assertThat(o.result()).isEqualTo(CaseOutcome.Verdict.PASS);
    assertThat(o.history()).isEqualTo(CaseOutcome.HistoryVerdict.NA);
  }

  @Test
  void differentOutputFailsWithThePathOfTheDifference() {
    CaseOutcome o = run(Cases.execution(PASS, "{'a':1}", "{'status':'SUCCEEDED','output':{'a':2}}", ""));
    assertThat(o.result()).isEqualTo(CaseOutcome.Verdict.FAIL);
    assertThat(o.detail()).isEqualTo("output at $.a: expected 2, got 1");
  }

  @Test
  void caseNeedingAMissingCapabilityIsSkippedNamingIt() {
    CaseOutcome o = run(Cases.parse(
        "{'id':'a/b','kind':'execution','type':'STANDARD','definition':" + PASS + ",'input':{},"
            + "'expected':{'status':'SUCCEEDED','output':{}},'requires':['sqs'],'placeholders':[],'notes':[]}"));
    assertThat(o.result()).isEqualTo(CaseOutcome.Verdict.SKIP);
    assertThat(o.detail()).isEqualTo("needs sqs");
    assertThat(engine.executions).isEmpty();
  }

  @Test
  void unexpectedRejectionOfAnExecutionDefinitionFailsWithTheMessage() {
    engine.diagnostics = List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED", "bad", "/"));
    CaseOutcome o = run(Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", ""));
    assertThat(o.result()).isEqualTo(CaseOutcome.Verdict.FAIL);
    assertThat(o.detail()).isEqualTo("definition rejected: SCHEMA_VALIDATION_FAILED: bad");
  }

  @Test
  void engineSeesRealValuesAndResultsAreMappedBack() {
    engine.run = e -> new ExecutionResult("SUCCEEDED",
        Json.NODES.textNode(e.stateMachineArn() + "/" + e.executionName()), null, null, List.of());
    CaseOutcome o = run(Cases.execution(PASS, "{}",
        "{'status':'SUCCEEDED','output':'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>/<ExecArnPart_0idx>'}", ""));
    assertThat(engine.executions.get(0).stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:nfsm0");
    assertThat(o.result()).isEqualTo(CaseOutcome.Verdict.PASS);
  }

  @Test
  void objectCauseIsComparedWithTheParsedActualCause() {
    engine.run = e -> new ExecutionResult("FAILED", null, "Exception",
        "{\"errorType\":\"Exception\",\"requestId\":\"abc-123\",\"errorMessage\":\"boom\",\"stackTrace\":[\"  File x\"]}", List.of());
    String expected = "{'status':'FAILED','error':'Exception','cause':{'errorMessage':'boom','errorType':'Exception','requestId':'<uuid:1>','stackTrace':['  File y']}}";
    CaseOutcome strict = run(Cases.execution(PASS, "{}", expected, ""));
    assertThat(strict.detail()).isEqualTo("cause at $.stackTrace[0]: expected \"  File y\", got \"  File x\"");
    CaseOutcome lenient = run(Cases.execution(PASS, "{}", expected,
        "'notes':['the expected cause is the Lambda runtime\\u0027s error payload (errorMessage, errorType, requestId, stackTrace)']"));
    assertThat(lenient.result()).isEqualTo(CaseOutcome.Verdict.PASS);
  }

  @Test
  void nullExpectedCauseRequiresNoCause() {
    engine.run = e -> new ExecutionResult("FAILED", null, null, "something", List.of());
    CaseOutcome o = run(Cases.execution(PASS, "{}", "{'status':'FAILED','error':null,'cause':null}", ""));
    assertThat(o.detail()).isEqualTo("cause at $: expected null, got \"something\"");
  }

  @Test
  void runningCaseComparesTheLastEventType() {
    engine.run = e -> new ExecutionResult("RUNNING", null, null, null,
        List.of(event("{'id':1,'type':'ExecutionStarted'}"), event("{'id':2,'type':'WaitStateEntered'}")));
    assertThat(run(Cases.execution(PASS, "{}", "{'status':'RUNNING','last_event_type':'WaitStateEntered'}", "")).result())
        .isEqualTo(CaseOutcome.Verdict.PASS);
    assertThat(run(Cases.execution(PASS, "{}", "{'status':'RUNNING','last_event_type':'ExecutionStarted'}", "")).detail())
        .isEqualTo("last event: expected ExecutionStarted, got WaitStateEntered");
  }

  @Test
  void historyPayloadTextIsParsedWhenItIsAJsonObjectAndPlaceholdersAreRestored() {
    engine.run = e -> new ExecutionResult("SUCCEEDED", Json.parse("[1]"), null, null, List.of(
        event("{'id':1,'previousEventId':0,'timestamp':1767225600.5,'type':'ExecutionStarted','executionStartedEventDetails':"
            + "{'input':'{\\'a\\':1}','inputDetails':{'truncated':false},'roleArn':'" + e.roleArn() + "'}}".replace("\\'", "\\\"")),
        event("{'id':2,'previousEventId':1,'timestamp':1767225601,'type':'ExecutionSucceeded','executionSucceededEventDetails':"
            + "{'output':'[1]','outputDetails':{'truncated':false}}}")));
    String history = "'history':["
        + "{'id':1,'previousEventId':0,'timestamp':'timestamp','type':'ExecutionStarted','executionStartedEventDetails':"
        + "{'input':{'a':1},'inputDetails':{'truncated':false},'roleArn':'snf_role_arn'}},"
        + "{'id':2,'previousEventId':1,'timestamp':'timestamp','type':'ExecutionSucceeded','executionSucceededEventDetails':"
        + "{'output':'[1]','outputDetails':{'truncated':false}}}]";
    CaseOutcome o = run(Cases.execution(PASS, "{'a':1}", "{'status':'SUCCEEDED','output':[1]}", history));
    assertThat(o.history()).isEqualTo(CaseOutcome.HistoryVerdict.PASS);
  }

  @Test
  void firstDivergingHistoryEventIsReportedWithIndexAndTypes() {
    engine.run = e -> new ExecutionResult("SUCCEEDED", Json.object(), null, null, List.of(
        event("{'id':1,'previousEventId':0,'timestamp':1,'type':'ExecutionStarted'}"),
        event("{'id':2,'previousEventId':1,'timestamp':1,'type':'PassStateEntered'}")));
    String history = "'history':[{'id':1,'previousEventId':0,'timestamp':'timestamp','type':'ExecutionStarted'},"
        + "{'id':2,'previousEventId':1,'timestamp':'timestamp','type':'TaskStateEntered'}]";
    CaseOutcome o = run(Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", history));
    assertThat(o.result()).isEqualTo(CaseOutcome.Verdict.PASS);
    assertThat(o.history()).isEqualTo(CaseOutcome.HistoryVerdict.FAIL);
    assertThat(o.detail()).startsWith("history event #1: expected TaskStateEntered id=2, actual PassStateEntered id=2: at $.type");
  }

  @Test
  void parallelNormalisedHistoryMatchesBranchEventsInAnyOrder() {
    engine.run = e -> new ExecutionResult("SUCCEEDED", Json.object(), null, null, List.of(
        event("{'id':1,'previousEventId':0,'type':'ParallelStateStarted'}"),
        event("{'id':2,'previousEventId':1,'type':'PassStateEntered','n':'B'}"),
        event("{'id':3,'previousEventId':1,'type':'PassStateEntered','n':'A'}"),
        event("{'id':4,'previousEventId':3,'type':'ParallelStateSucceeded'}"),
        event("{'id':5,'previousEventId':4,'type':'ParallelStateExited'}")));
    String history = "'history':[{'id':1,'previousEventId':0,'type':'ParallelStateStarted'},"
        + "{'id':[0],'previousEventId':0,'type':'PassStateEntered','n':'A'},"
        + "{'id':[0],'previousEventId':0,'type':'PassStateEntered','n':'B'},"
        + "{'id':5,'previousEventId':3,'type':'ParallelStateExited'}]";
    String note = "'notes':['the recorder normalised the events inside Parallel states (sorted, ids replaced by [0] / previousEventId 0)']";
    CaseOutcome o = run(Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", history + "," + note));
    assertThat(o.history()).isEqualTo(CaseOutcome.HistoryVerdict.PASS);
    CaseOutcome strict = run(Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", history));
    assertThat(strict.history()).isEqualTo(CaseOutcome.HistoryVerdict.FAIL);
  }

  @Test
  void createRejectedComparesTheInvalidDefinitionMessage() {
    ConformanceCase c = Cases.parse("{'id':'a/b','kind':'create_rejected','type':'STANDARD','definition':{'StartAt':'S'},'input':null,"
        + "'expected':{'status':'INVALID_DEFINITION','error':'InvalidDefinition','message':'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'},"
        + "'requires':[],'placeholders':[],'notes':[]}");
    assertThat(run(c).detail()).isEqualTo("definition accepted, expected InvalidDefinition");
    engine.diagnostics = List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED", "These fields are required: [States] at /", "/"));
    assertThat(run(c).result()).isEqualTo(CaseOutcome.Verdict.PASS);
  }

  @Test
  void startRejectedComparesTheInvalidExecutionInputMessage() {
    ConformanceCase c = Cases.parse("{'id':'a/b','kind':'start_rejected','type':'STANDARD','definition':" + PASS + ",'input':null,'input_text':'not json',"
        + "'expected':{'status':'START_REJECTED','error':'InvalidExecutionInput','message':'Invalid input'},'requires':[],'placeholders':[],'notes':[]}");
    assertThat(run(c).result()).isEqualTo(CaseOutcome.Verdict.FAIL);
    engine.inputRejection = Optional.of("Invalid input");
    assertThat(run(c).result()).isEqualTo(CaseOutcome.Verdict.PASS);
  }

  @Test
  void validateDefinitionComparesResultAndDiagnosticCodes() {
    ConformanceCase c = Cases.parse("{'id':'a/b','kind':'validate_definition','type':'STANDARD','definition':{},'input':null,"
        + "'expected':{'status':'INVALID_DEFINITION','validate_result':'FAIL','diagnostics':[{'code':'SCHEMA_VALIDATION_FAILED','message':'m','severity':'ERROR'}]},"
        + "'requires':[],'placeholders':[],'notes':[]}");
    assertThat(run(c).detail()).isEqualTo("validate result: expected FAIL, got OK");
    engine.diagnostics = List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED", "other text", null));
    assertThat(run(c).result()).isEqualTo(CaseOutcome.Verdict.PASS);
  }

  @Test
  void engineExceptionIsAFailureNotACrash() {
    engine.run = e -> {
      throw new IllegalStateException("not yet");
    };
    CaseOutcome o = run(Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", ""));
    assertThat(o.detail()).isEqualTo("engine threw IllegalStateException: not yet");
  }

  @Test
  void hangingEngineTimesOut() {
    engine.run = e -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      return null;
    };
    try (CaseRunner runner = new CaseRunner(engine, Clock.systemUTC(), Duration.ofMillis(200))) {
      CaseOutcome o = runner.run(Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", ""));
      assertThat(o.detail()).isEqualTo("engine did not answer within 200 ms");
    }
  }

  @Test
  void needsAddJsonataVariablesAndExpressFromTheDefinition() {
    ConformanceCase c = Cases.parse("{'id':'a/b','kind':'execution','type':'EXPRESS','definition':"
        + "{'QueryLanguage':'JSONata','StartAt':'S','States':{'S':{'Type':'Pass','Assign':{'x':1},'End':true}}},"
        + "'input':{},'expected':{'status':'SUCCEEDED'},'requires':['lambda:id_function'],'tags':['map:distributed'],"
        + "'actors':[{'kind':'stop_execution'}],'placeholders':[],'notes':[]}");
    assertThat(CaseNeeds.of(c)).containsExactlyInAnyOrder(
        "jsonata", "variables", "express", "lambda:id_function", "map:distributed", "actor:stop_execution");
    assertThat(CaseNeeds.of(Cases.execution(PASS, "{}", "{'status':'SUCCEEDED'}", ""))).isEqualTo(Set.of("jsonpath"));
  }
}
