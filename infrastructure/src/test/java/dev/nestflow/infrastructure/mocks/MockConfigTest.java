package dev.nestflow.infrastructure.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestflow.infrastructure.tasks.TaskOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MockConfigTest {
  static final Path EXAMPLE = Path.of("..", "examples", "mock-config", "MockConfigFile.json");

  @Test
  void readsTheDocumentedSampleWithRangesPerInvocation() {
    MockConfig config = MockConfig.read(EXAMPLE);
    TestCase retry = config.testCase("LambdaSQSIntegration", "RetryPath");
    MockedResponse lambda = retry.states().get("LambdaState");
    assertThat(lambda.name()).isEqualTo("MockedLambdaRetry");
    assertThat(lambda.keys()).isEqualTo("0, 1-2, 3");
    assertThat(lambda.at(0)).contains(new TaskOutcome.Failed("Lambda.ResourceNotReadyException", "Lambda resource is not ready."));
    assertThat(lambda.at(1)).isEqualTo(lambda.at(2)).contains(new TaskOutcome.Failed("Lambda.TimeoutException", "Lambda timed out."));
    assertThat(lambda.at(3).orElseThrow()).isInstanceOf(TaskOutcome.Succeeded.class);
    assertThat(lambda.at(4)).isEmpty();
    assertThat(config.testCase("LambdaSQSIntegration", "HybridPath").states()).containsOnlyKeys("LambdaState");
  }

  @Test
  void aFileThatIsNotJsonSaysWhere() {
    assertThatThrownBy(() -> MockConfig.parse("{\"StateMachines\": ", "mocks.json"))
        .isInstanceOf(MockConfigException.class)
        .hasMessageStartingWith("mock configuration mocks.json: not valid JSON");
  }

  @Test
  void aTestCaseNamingAnUndefinedResponseIsRefusedWithTheDefinedOnes() {
    String text = """
        {"StateMachines": {"M": {"TestCases": {"T": {"A": "Missing"}}}},
         "MockedResponses": {"Ok": {"0": {"Return": 1}}}}""";
    assertThatThrownBy(() -> MockConfig.parse(text, "f.json"))
        .hasMessage("mock configuration f.json: StateMachines.M.TestCases.T.A: mocked response \"Missing\" is not defined"
            + " in MockedResponses (it defines: Ok)");
  }

  @Test
  void invocationKeysMustBeNumbersOrRangesThatDoNotOverlap() {
    assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\": {\"R\": {\"first\": {\"Return\": 1}}}}", "f"))
        .hasMessageContaining("MockedResponses.R.first: an invocation key is a number");
    assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\": {\"R\": {\"0-2\": {\"Return\": 1}, \"2\": {\"Return\": 2}}}}", "f"))
        .hasMessageContaining("MockedResponses.R.2: invocation 2 is already answered");
    assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\": {\"R\": {\"3-1\": {\"Return\": 1}}}}", "f"))
        .hasMessageContaining("the range ends before it starts");
  }

  @Test
  void anAnswerHoldsExactlyOneReturnOrThrowWithAnErrorName() {
    assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\": {\"R\": {\"0\": {\"Return\": 1, \"Throw\": {}}}}}", "f"))
        .hasMessageContaining("MockedResponses.R.0: must hold exactly one field");
    assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\": {\"R\": {\"0\": {\"Throw\": {\"Cause\": \"x\"}}}}}", "f"))
        .hasMessageContaining("MockedResponses.R.0.Throw.Error: must be a string");
  }

  @Test
  void anUnknownStateMachineOrTestCaseNamesWhatTheFileDefines() {
    MockConfig config = MockConfig.read(EXAMPLE);
    assertThatThrownBy(() -> config.testCase("Other", "HappyPath"))
        .hasMessageContaining("has no state machine \"Other\" under StateMachines (it defines: LambdaSQSIntegration)");
    assertThatThrownBy(() -> config.testCase("LambdaSQSIntegration", "SadPath"))
        .hasMessageContaining("has no test case \"SadPath\" for state machine \"LambdaSQSIntegration\""
            + " (it defines: HappyPath, RetryPath, HybridPath)");
  }

  @Test
  void aTestCaseMayMockOnlyTaskStatesTheDefinitionHas() {
    String config = """
        {"StateMachines": {"M": {"TestCases": {"Typo": {"LambdaStat": "R"}, "Pass": {"P": "R"}, "Deep": {"Inner": "R"}}}},
         "MockedResponses": {"R": {"0": {"Return": 1}}}}""";
    String definition = """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "M"},
          "M": {"Type": "Map", "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}, "End": true}}}""";
    MockConfig parsed = MockConfig.parse(config, "f");
    assertThatThrownBy(() -> parsed.testCase("M", "Typo").checkAgainst(definition))
        .hasMessage("test case \"Typo\" of state machine \"M\" mocks state \"LambdaStat\", which the definition does not have"
            + " (its Task states: Inner)");
    assertThatThrownBy(() -> parsed.testCase("M", "Pass").checkAgainst(definition))
        .hasMessageContaining("which is a Pass state: only Task states can be mocked");
    parsed.testCase("M", "Deep").checkAgainst(definition);
  }
}
