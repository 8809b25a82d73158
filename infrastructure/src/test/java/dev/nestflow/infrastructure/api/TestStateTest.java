package dev.nestflow.infrastructure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** TestState runs one state through the interpreter and reports its data flow, status and next state. */
class TestStateTest {
  private final TestState op = new TestState("us-east-1", "123456789012",
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

  private ObjectNode test(String json) {
    return op.invoke(new ApiRequest((ObjectNode) Json.parse(json)));
  }

  private static String q(String text) {
    return Json.write(Json.NODES.textNode(text));
  }

  private static JsonNode json(JsonNode text) {
    return Json.parse(text.asText());
  }

  private ApiException refused(String json) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> test(json));
    assertThat(t).isInstanceOf(ApiException.class);
    return (ApiException) t;
  }

  static final String TASK_WITH_RETRY = """
      {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},
       "Retry":[{"ErrorEquals":["Other"],"MaxAttempts":5},
                {"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":2}],
       "Catch":[{"ErrorEquals":["Nope"],"Next":"Never"},{"ErrorEquals":["States.ALL"],"ResultPath":"$.failure","Next":"Recover"}],
       "Next":"Done"}""";

  @Test
  void passWithParametersAtDebugReportsEachStageOfItsDataFlow() {
    String pass = """
        {"Type":"Pass","InputPath":"$.order","Parameters":{"id.$":"$.id","kind":"book"},"ResultPath":"$.picked","Next":"Ship"}""";
    ObjectNode out = test("{\"definition\":" + q(pass) + ",\"input\":" + q("{\"order\":{\"id\":7,\"n\":2}}")
        + ",\"inspectionLevel\":\"DEBUG\"}");

    assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(out.path("nextState").asText()).isEqualTo("Ship");
    assertThat(json(out.path("output"))).isEqualTo(Json.parse("{\"order\":{\"id\":7,\"n\":2},\"picked\":{\"id\":7,\"kind\":\"book\"}}"));
    JsonNode data = out.path("inspectionData");
    assertThat(json(data.path("input"))).isEqualTo(Json.parse("{\"order\":{\"id\":7,\"n\":2}}"));
    assertThat(json(data.path("afterInputPath"))).isEqualTo(Json.parse("{\"id\":7,\"n\":2}"));
    assertThat(json(data.path("afterParameters"))).isEqualTo(Json.parse("{\"id\":7,\"kind\":\"book\"}"));
    assertThat(json(data.path("result"))).isEqualTo(Json.parse("{\"id\":7,\"kind\":\"book\"}"));
    assertThat(json(data.path("afterResultSelector"))).isEqualTo(Json.parse("{\"id\":7,\"kind\":\"book\"}"));
    assertThat(json(data.path("afterResultPath"))).isEqualTo(json(out.path("output")));
    assertThat(out.has("error")).isFalse();
  }

  @Test
  void infoLevelLeavesTheInspectionDataOut() {
    ObjectNode out = test("{\"definition\":" + q("{\"Type\":\"Pass\",\"End\":true}") + ",\"input\":\"{\\\"a\\\":1}\"}");
    assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(out.has("inspectionData")).isFalse();
    assertThat(out.has("nextState")).isFalse();
    assertThat(json(out.path("output"))).isEqualTo(Json.parse("{\"a\":1}"));
  }

  @Test
  void taskWithAMockedResultGoesThroughResultSelectorAndResultPath() {
    String task = """
        {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"Payload.$":"$"},
         "ResultSelector":{"body.$":"$.Payload"},"ResultPath":"$.answer","Next":"Done"}""";
    ObjectNode out = test("{\"definition\":" + q(task) + ",\"input\":" + q("{\"x\":1}")
        + ",\"inspectionLevel\":\"TRACE\",\"mock\":{\"result\":" + q("{\"Payload\":{\"ok\":true},\"StatusCode\":200}") + "}}");

    assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(out.path("nextState").asText()).isEqualTo("Done");
    assertThat(json(out.path("output"))).isEqualTo(Json.parse("{\"x\":1,\"answer\":{\"body\":{\"ok\":true}}}"));
    JsonNode data = out.path("inspectionData");
    assertThat(json(data.path("afterParameters"))).isEqualTo(Json.parse("{\"Payload\":{\"x\":1}}"));
    assertThat(json(data.path("result"))).isEqualTo(Json.parse("{\"Payload\":{\"ok\":true},\"StatusCode\":200}"));
    assertThat(json(data.path("afterResultSelector"))).isEqualTo(Json.parse("{\"body\":{\"ok\":true}}"));
  }

  @Test
  void mockedErrorMatchedByARetrierWithAttemptsLeftIsRetriable() {
    ObjectNode out = test("{\"definition\":" + q(TASK_WITH_RETRY) + ",\"inspectionLevel\":\"DEBUG\","
        + "\"mock\":{\"errorOutput\":{\"error\":\"Lambda.TooManyRequestsException\",\"cause\":\"slow down\"}}}");

    assertThat(out.path("status").asText()).isEqualTo("RETRIABLE");
    assertThat(out.path("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(out.path("cause").asText()).isEqualTo("slow down");
    assertThat(out.has("nextState")).isFalse();
    JsonNode details = out.path("inspectionData").path("errorDetails");
    assertThat(details.path("retryIndex").asInt()).isEqualTo(1);
    assertThat(details.path("retryBackoffIntervalSeconds").asInt()).isEqualTo(2);
  }

  @Test
  void retrierRetryCountSetsTheAttemptsAlreadyMadeSoTheBackoffGrows() {
    ObjectNode out = test("{\"definition\":" + q(TASK_WITH_RETRY) + ",\"inspectionLevel\":\"DEBUG\","
        + "\"stateConfiguration\":{\"retrierRetryCount\":1},"
        + "\"mock\":{\"errorOutput\":{\"error\":\"Lambda.TooManyRequestsException\",\"cause\":\"slow down\"}}}");

    assertThat(out.path("status").asText()).isEqualTo("RETRIABLE");
    assertThat(out.path("inspectionData").path("errorDetails").path("retryBackoffIntervalSeconds").asInt()).isEqualTo(4);
  }

  @Test
  void exhaustedRetrierFallsToTheCatcherWhichNamesTheNextState() {
    ObjectNode out = test("{\"definition\":" + q(TASK_WITH_RETRY) + ",\"input\":" + q("{\"id\":3}")
        + ",\"inspectionLevel\":\"DEBUG\",\"stateConfiguration\":{\"retrierRetryCount\":2},"
        + "\"mock\":{\"errorOutput\":{\"error\":\"Lambda.TooManyRequestsException\",\"cause\":\"slow down\"}}}");

    assertThat(out.path("status").asText()).isEqualTo("CAUGHT_ERROR");
    assertThat(out.path("nextState").asText()).isEqualTo("Recover");
    assertThat(out.path("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(json(out.path("output"))).isEqualTo(
        Json.parse("{\"id\":3,\"failure\":{\"Error\":\"Lambda.TooManyRequestsException\",\"Cause\":\"slow down\"}}"));
    assertThat(out.path("inspectionData").path("errorDetails").path("catchIndex").asInt()).isEqualTo(1);
  }

  @Test
  void retrierRetryCountBeyondEveryMaxAttemptsIsASpentRetrier() {
    String task = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
        + "\"Retry\":[{\"ErrorEquals\":[\"E\"],\"MaxAttempts\":99999999}],\"End\":true}";
    ObjectNode out = test("{\"definition\":" + q(task) + ",\"stateConfiguration\":{\"retrierRetryCount\":3},"
        + "\"inspectionLevel\":\"DEBUG\",\"mock\":{\"errorOutput\":{\"error\":\"E\"}}}");
    assertThat(out.path("status").asText()).isEqualTo("RETRIABLE");
    // IntervalSeconds 1 and BackoffRate 2 by default: the fourth attempt waits 8 s
    assertThat(out.path("inspectionData").path("errorDetails").path("retryBackoffIntervalSeconds").asInt()).isEqualTo(8);
    ApiException tooMany = refused("{\"definition\":" + q(task) + ",\"stateConfiguration\":{\"retrierRetryCount\":2000000000},"
        + "\"mock\":{\"errorOutput\":{\"error\":\"E\"}}}");
    assertThat(tooMany.code()).isEqualTo("ValidationException");
    assertThat(tooMany.getMessage()).contains("retrierRetryCount");
  }

  @Test
  void parallelWithoutAMockRunsItsBranchesAndReportsTheirJoinedResult() {
    String parallel = """
        {"Type":"Parallel","Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$.x","End":true}}}],
         "ResultSelector":{"both.$":"$"},"Next":"After"}""";
    ObjectNode out = test("{\"definition\":" + q(parallel) + ",\"input\":" + q("{\"x\":2}") + ",\"inspectionLevel\":\"DEBUG\"}");
    assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(out.path("nextState").asText()).isEqualTo("After");
    assertThat(json(out.path("output"))).isEqualTo(Json.parse("{\"both\":[1,2]}"));
    assertThat(json(out.path("inspectionData").path("result"))).isEqualTo(Json.parse("[1,2]"));
  }

  @Test
  void mapWithoutAMockReportsItsItemsLimitsAndEachIterationInput() {
    String map = """
        {"Type":"Map","ItemsPath":"$.orders","MaxConcurrency":2,"ToleratedFailureCount":1,
         "ItemSelector":{"id.$":"$$.Map.Item.Value.id","at.$":"$$.Map.Item.Index"},
         "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""";
    ObjectNode out = test("{\"definition\":" + q(map) + ",\"input\":" + q("{\"orders\":[{\"id\":\"a\"},{\"id\":\"b\"}]}")
        + ",\"inspectionLevel\":\"DEBUG\"}");
    assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json(out.path("output"))).isEqualTo(Json.parse("[{\"id\":\"a\",\"at\":0},{\"id\":\"b\",\"at\":1}]"));
    JsonNode data = out.path("inspectionData");
    assertThat(json(data.path("afterItemsPath"))).isEqualTo(Json.parse("[{\"id\":\"a\"},{\"id\":\"b\"}]"));
    assertThat(json(data.path("afterItemSelector"))).isEqualTo(json(out.path("output")));
    assertThat(data.path("maxConcurrency").isInt()).isTrue();
    assertThat(data.path("maxConcurrency").asInt()).isEqualTo(2);
    assertThat(data.path("toleratedFailureCount").asInt()).isEqualTo(1);
    assertThat(data.has("toleratedFailurePercentage")).isFalse();
  }

  @Test
  void errorNeitherRetriedNorCaughtFailsTheState() {
    String task = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage\",\"End\":true}";
    ObjectNode out = test("{\"definition\":" + q(task) + ",\"mock\":{\"errorOutput\":{\"error\":\"Boom\",\"cause\":\"why\"}}}");
    assertThat(out.path("status").asText()).isEqualTo("FAILED");
    assertThat(out.path("error").asText()).isEqualTo("Boom");
    assertThat(out.path("cause").asText()).isEqualTo("why");
    assertThat(out.has("output")).isFalse();
  }

  @Test
  void choiceNamesTheRuleNextStateAndWaitPassesAtOnce() {
    String choice = """
        {"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":5,"Next":"Big"}],"Default":"Small"}""";
    assertThat(test("{\"definition\":" + q(choice) + ",\"input\":" + q("{\"n\":9}") + "}").path("nextState").asText())
        .isEqualTo("Big");
    assertThat(test("{\"definition\":" + q(choice) + ",\"input\":" + q("{\"n\":1}") + "}").path("nextState").asText())
        .isEqualTo("Small");

    ObjectNode waited = test("{\"definition\":" + q("{\"Type\":\"Wait\",\"Seconds\":86400,\"Next\":\"After\"}") + "}");
    assertThat(waited.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(waited.path("nextState").asText()).isEqualTo("After");
  }

  @Test
  void succeedAndFailStates() {
    ObjectNode ok = test("{\"definition\":" + q("{\"Type\":\"Succeed\",\"OutputPath\":\"$.a\"}") + ",\"input\":" + q("{\"a\":[1]}") + "}");
    assertThat(ok.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json(ok.path("output"))).isEqualTo(Json.parse("[1]"));
    ObjectNode failed = test("{\"definition\":" + q("{\"Type\":\"Fail\",\"Error\":\"E\",\"Cause\":\"C\"}") + "}");
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("error").asText()).isEqualTo("E");
    assertThat(failed.path("cause").asText()).isEqualTo("C");
  }

  @Test
  void aStateNamedInAWholeMachineSeesTheMachineQueryLanguageVariablesAndContext() {
    String machine = """
        {"QueryLanguage":"JSONata","StartAt":"First","States":{
          "First":{"Type":"Pass","Next":"Second"},
          "Second":{"Type":"Pass","Output":{"sum":"{% $states.input.a + $base %}","who":"{% $states.context.Execution.Name %}"},
                    "Assign":{"seen":"{% $states.input.a %}"},"Next":"Third"},
          "Third":{"Type":"Succeed"}}}""";
    ObjectNode out = test("{\"definition\":" + q(machine) + ",\"stateName\":\"Second\",\"input\":" + q("{\"a\":2}")
        + ",\"variables\":" + q("{\"base\":40}") + ",\"context\":" + q("{\"Execution\":{\"Name\":\"mine\"}}")
        + ",\"inspectionLevel\":\"DEBUG\"}");

    assertThat(out.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(out.path("nextState").asText()).isEqualTo("Third");
    assertThat(json(out.path("output"))).isEqualTo(Json.parse("{\"sum\":42,\"who\":\"mine\"}"));
    assertThat(json(out.path("inspectionData").path("variables"))).isEqualTo(Json.parse("{\"base\":40,\"seen\":2}"));
    assertThat(out.path("inspectionData").has("afterInputPath")).isFalse();
  }

  @Test
  void jsonataTaskReportsItsArgumentsAndResult() {
    String task = """
        {"QueryLanguage":"JSONata","Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
         "Arguments":{"Payload":{"v":"{% $states.input.v * 2 %}"}},"Output":"{% $states.result.Payload %}","End":true}""";
    ObjectNode out = test("{\"definition\":" + q(task) + ",\"input\":" + q("{\"v\":4}") + ",\"inspectionLevel\":\"DEBUG\","
        + "\"mock\":{\"result\":" + q("{\"Payload\":\"done\"}") + ",\"fieldValidationMode\":\"NONE\"}}");
    assertThat(json(out.path("output")).asText()).isEqualTo("done");
    assertThat(json(out.path("inspectionData").path("afterArguments"))).isEqualTo(Json.parse("{\"Payload\":{\"v\":8}}"));
    assertThat(json(out.path("inspectionData").path("result"))).isEqualTo(Json.parse("{\"Payload\":\"done\"}"));
  }

  @Test
  void badInputGetsAwsErrorTypes() {
    assertThat(refused("{\"definition\":" + q("{\"Type\":\"Pass\"") + "}").code()).isEqualTo("InvalidDefinition");
    assertThat(refused("{\"definition\":" + q("{\"Type\":\"Nope\",\"End\":true}") + "}").code()).isEqualTo("InvalidDefinition");
    assertThat(refused("{\"definition\":" + q("{\"Type\":\"Pass\",\"End\":true}") + ",\"input\":\"{oops\"}").code())
        .isEqualTo("InvalidExecutionInput");
    assertThat(refused("{\"definition\":" + q("{\"Type\":\"Pass\",\"End\":true}") + ",\"inspectionLevel\":\"LOUD\"}").code())
        .isEqualTo("ValidationException");
    assertThat(refused("{\"definition\":" + q("{\"Type\":\"Pass\",\"End\":true}") + ",\"roleArn\":\"nope\"}").code())
        .isEqualTo("InvalidArn");
    assertThat(refused("{}").code()).isEqualTo("ValidationException");
    ApiException noMock = refused("{\"definition\":" + q(TASK_WITH_RETRY) + "}");
    assertThat(noMock.code()).isEqualTo("ValidationException");
    assertThat(noMock.getMessage()).contains("mock");
    assertThat(refused("{\"definition\":" + q(TASK_WITH_RETRY) + ",\"mock\":{\"result\":\"{}\",\"errorOutput\":{\"error\":\"E\"}}}").code())
        .isEqualTo("ValidationException");
    assertThat(refused("{\"definition\":" + q("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}")
        + ",\"stateName\":\"B\"}").code()).isEqualTo("ValidationException");
  }
}
