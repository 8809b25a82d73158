package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlaceholderMapTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final String PASS = "{'StartAt':'S','States':{'S':{'Type':'Pass','End':true}}}";

  @Test
  void arnPlaceholdersBecomeRealValuesAndBack() {
    ConformanceCase c = Cases.execution(PASS, "{'Arn':'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>'}", "{'status':'SUCCEEDED','output':{}}", "");
    PlaceholderMap map = PlaceholderMap.forCase(c, NOW);
    String real = map.toReal("arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>");
    assertThat(real).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:nfsm0");
    assertThat(map.toPlaceholders(real)).isEqualTo("arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>");
  }

  @Test
  void stateMachineUnderTestAvoidsArnPartsUsedForOtherMachines() {
    ConformanceCase c = Cases.execution(PASS, "{'Arn':'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>'}", "{'status':'SUCCEEDED','output':{}}", "");
    PlaceholderMap map = PlaceholderMap.forCase(c, NOW);
    assertThat(map.stateMachineName()).isEqualTo("nfsm1");
    assertThat(map.toPlaceholders(map.stateMachineArn())).endsWith(":stateMachine:<ArnPart_1idx>");
  }

  @Test
  void literalServiceArnsInResultsGetThePartitionPlaceholder() {
    ConformanceCase c = Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", "");
    PlaceholderMap map = PlaceholderMap.forCase(c, NOW);
    assertThat(map.toPlaceholders("The resource provided arn:aws:states:::dynamodb:query is not recognized"))
        .isEqualTo("The resource provided arn:<partition>:states:::dynamodb:query is not recognized");
  }

  @Test
  void executionNameAndRoleMapToTheirPlaceholders() {
    ConformanceCase c = Cases.execution(PASS, "{}", "{'status':'SUCCEEDED','output':{}}", "");
    PlaceholderMap map = PlaceholderMap.forCase(c, NOW);
    assertThat(map.toPlaceholders("fst=" + PlaceholderMap.EXECUTION_NAME)).isEqualTo("fst=<ExecArnPart_0idx>");
    assertThat(map.toPlaceholders(PlaceholderMap.ROLE_ARN)).isEqualTo("snf_role_arn");
  }

  @Test
  void lambdaFunctionNamesAreAsLongAsTheRecordedOnes() {
    // the recorded tests named their functions lambda_func_ plus an 8-character id
    assertThat(PlaceholderMap.functionName(0)).hasSize("lambda_func_".length() + 8).startsWith("lambda_func_");
    assertThat(PlaceholderMap.functionName(1)).hasSize(20).isNotEqualTo(PlaceholderMap.functionName(0));
  }

  @Test
  void lambdaNamesAndResourcesGetRealNamesLongestPlaceholderFirst() {
    ConformanceCase c = Cases.execution(
        "{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'arn:<partition>:lambda:<region>:111111111111:function:<lambda_function_name>','End':true}}}",
        "{'q':'<sqs_queue_url>','other':'<no_such_sqs_queue_url>'}",
        "{'status':'SUCCEEDED','output':{}}",
        "'lambdas':{'<lambda_function_name>':{'file':'templates/services/lambdafunctions/id_function.py'}},"
            + "'resources':[{'kind':'sqs_queue_url','placeholder':'<sqs_queue_url>'}]");
    PlaceholderMap map = PlaceholderMap.forCase(c, NOW);
    assertThat(map.toReal(Json.write(c.definition()))).contains("function:lambda_func_nf000000").doesNotContain("<");
    assertThat(map.toReal(c.input()).get("q").asText()).isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/nf-queue-0");
    assertThat(map.toReal(c.input()).get("other").asText()).isEqualTo("<no_such_sqs_queue_url>");
    assertThat(map.toPlaceholders("https://sqs.us-east-1.amazonaws.com/123456789012/nf-queue-0")).isEqualTo("<sqs_queue_url>");
  }

  @Test
  void timestampInputPlaceholderIsNowWithTheParameterSuffix() {
    ConformanceCase c = Cases.parse(
        "{'id':'base/test_wait_timestamppath__.00Z','kind':'execution','type':'STANDARD','definition':" + PASS
            + ",'input':{'start_at':'<timestamp>'},'expected':{'status':'SUCCEEDED','output':{}},'requires':[],'placeholders':[],"
            + "'notes':['<timestamp> stands for the current UTC time ... followed by the parameter suffix']}");
    PlaceholderMap map = PlaceholderMap.forCase(c, NOW);
    assertThat(map.toReal("<timestamp>")).isEqualTo("2026-01-02T03:04:05.00Z");
    assertThat(map.toPlaceholders("== 2026-01-02T03:04:05.00Z")).isEqualTo("== <timestamp>");
  }

  @Test
  void timestampInputPlaceholderAddsTheDaysOfTheParameter() {
    ConformanceCase c = Cases.parse(
        "{'id':'base/test_far__2','kind':'execution','type':'STANDARD','definition':" + PASS
            + ",'input':{'start_at':'<timestamp>'},'expected':{'status':'RUNNING'},'requires':[],'placeholders':[],"
            + "'notes':['<timestamp> stands for now (UTC) plus <days> days, formatted']}");
    assertThat(PlaceholderMap.forCase(c, NOW).toReal("<timestamp>")).isEqualTo("2026-01-04T03:04:05.000Z");
  }
}
