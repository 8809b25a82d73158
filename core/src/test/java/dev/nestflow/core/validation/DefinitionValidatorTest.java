package dev.nestflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {

  private static List<Diagnostic> standard(String json) {
    return DefinitionValidator.validate(json.replace('\'', '"'), "STANDARD");
  }

  private static List<String> messages(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
  }

  @Test
  void validMinimalDefinitionHasNoDiagnostics() {
    assertThat(standard("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}")).isEmpty();
  }

  @Test
  void missingNextTargetAndUnreachableStateAreBothReported() {
    List<Diagnostic> found =
        standard(
            "{'StartAt':'pass1','States':{'pass1':{'Type':'Pass','Next':'pass3'},"
                + "'pass2':{'Type':'Pass','End':true}}}");
    assertThat(InvalidDefinitionMessage.format(found))
        .isEqualTo(
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: "
                + "pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not "
                + "reachable. at /States/pass2'");
  }

  @Test
  void loopWithoutTerminalStateIsMissingEndState() {
    List<Diagnostic> found =
        standard("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}}}");
    assertThat(messages(found)).containsExactly("MISSING_END_STATE: Workflow has no terminal state at null");
  }

  @Test
  void choiceDefaultAndCatchTargetsMustExist() {
    List<Diagnostic> found =
        standard(
            "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a',"
                + "'BooleanEquals':true,'Next':'T'}],'Default':'Nope'},'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Catch':[{'ErrorEquals':['States.ALL'],"
                + "'Next':'Gone'}],'End':true}}}");
    assertThat(messages(found))
        .containsExactly(
            "MISSING_TRANSITION_TARGET: Missing 'Default' target: Nope at /States/C/Default",
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: Gone at /States/T/Catch/0/Next");
  }

  @Test
  void fieldNotBelongingToTheStateTypeIsNotSupported() {
    assertThat(messages(standard("{'StartAt':'P','States':{'P':{'Type':'Pass','TimeoutSeconds':3,'End':true}}}")))
        .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/P");
  }

  @Test
  void jsonPathStateRejectsJsonataFieldsAndViceVersa() {
    assertThat(messages(standard("{'StartAt':'P','States':{'P':{'Type':'Pass','Output':{},'End':true}}}")))
        .containsExactly(
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is "
                + "only supported for the 'JSONata' QueryLanguage at /States/P");
    assertThat(
            messages(
                standard(
                    "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass',"
                        + "'InputPath':'$.a','End':true}}}")))
        .containsExactly(
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is "
                + "only supported for the 'JSONPath' QueryLanguage at /States/P");
  }

  @Test
  void nestedStatesInheritTheMachineLanguageNotTheMapLanguage() {
    List<Diagnostic> found =
        standard(
            "{'StartAt':'M','States':{'M':{'Type':'Map','QueryLanguage':'JSONata','ItemProcessor':"
                + "{'StartAt':'P','States':{'P':{'Type':'Pass','Output':1,'End':true}}},'End':true}}}");
    assertThat(found).extracting(Diagnostic::location).containsExactly("/States/M/ItemProcessor/States/P");
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    List<Diagnostic> found =
        standard(
            "{'StartAt':'W','States':{'W':{'Type':'Wait','Next':'T'},'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':5,'HeartbeatSeconds':5,"
                + "'Retry':[{'ErrorEquals':['States.ALL','X'],'BackoffRate':0.5,'MaxAttempts':-1}],'End':true}}}");
    assertThat(found)
        .extracting(Diagnostic::location)
        .containsExactly(
            "/States/W",
            "/States/T/HeartbeatSeconds",
            "/States/T/Retry/0/ErrorEquals",
            "/States/T/Retry/0/MaxAttempts",
            "/States/T/Retry/0/BackoffRate");
  }

  @Test
  void statesAllMustBeInTheLastCatcher() {
    List<Diagnostic> found =
        standard(
            "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'E'},{'ErrorEquals':['X'],'Next':'E'}],"
                + "'End':true},'E':{'Type':'Succeed'}}}");
    assertThat(messages(found))
        .containsExactly(
            "SCHEMA_VALIDATION_FAILED: 'States.ALL' must appear in the last retrier or catcher at "
                + "/States/T/Catch/0/ErrorEquals");
  }

  @Test
  void customErrorNamesWithTheStatesPrefixAreAcceptedAsAwsAcceptsThem() {
    // AWS's own published samples name errors States.QuorumMet, States.RanOutOfTime, ...: the rule
    // that names may not start with States. binds what tasks report, not what definitions name
    assertThat(
            standard(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Retry':[{'ErrorEquals':['States.RanOutOfTime','States.Timeout']}],"
                    + "'Catch':[{'ErrorEquals':['States.QuorumMet'],'Next':'F'}],'End':true},"
                    + "'F':{'Type':'Fail','Error':'States.FauxFailure1','Cause':'c'}}}"))
        .isEmpty();
  }

  @Test
  void nextAndEndAreExclusiveAndOneIsRequired() {
    assertThat(standard("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Next':'A'}}}"))
        .extracting(Diagnostic::location)
        .contains("/States/A");
    assertThat(standard("{'StartAt':'A','States':{'A':{'Type':'Pass'},'B':{'Type':'Succeed'}}}"))
        .extracting(Diagnostic::location)
        .containsExactly("/States/A", "/States/B");
  }

  @Test
  void waitNeedsExactlyOneDelayField() {
    assertThat(standard("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}}"))
        .extracting(Diagnostic::location)
        .containsExactly("/States/W");
    assertThat(standard("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':-1,'End':true}}}"))
        .extracting(Diagnostic::location)
        .containsExactly("/States/W/Seconds");
  }

  @Test
  void jsonataWaitAcceptsExpressionsWhereJsonPathNeedsLiterals() {
    assertThat(
            standard(
                "{'QueryLanguage':'JSONata','StartAt':'W','States':{'W':{'Type':'Wait',"
                    + "'Timestamp':'{% $states.input.t %}','End':true}}}"))
        .isEmpty();
  }

  @Test
  void dollarFieldsNeedAPathOrAnIntrinsicCall() {
    List<Diagnostic> found =
        DefinitionValidator.validate(
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":{"
                + "\"ok.$\":\"$.a\",\"ctx.$\":\"$$.Execution.Id\",\"var.$\":\"$v.x\","
                + "\"fn.$\":\"States.Format('{}', $.a)\",\"deep\":{\"bad.$\":\"a.b\"},"
                + "\"unknown.$\":\"States.Nope()\"},\"End\":true}}}",
            "STANDARD");
    assertThat(messages(found))
        .containsExactly(
            "SCHEMA_VALIDATION_FAILED: The value for the field 'bad.$' must be a valid JSONPath or a "
                + "valid intrinsic function call at /States/P/Parameters/deep",
            "SCHEMA_VALIDATION_FAILED: The value for the field 'unknown.$' must be a valid JSONPath or a "
                + "valid intrinsic function call at /States/P/Parameters");
  }

  @Test
  void resultPathMustBeADefiniteInputPath() {
    assertThat(standard("{'StartAt':'P','States':{'P':{'Type':'Pass','ResultPath':'$.a[*]','End':true}}}"))
        .extracting(Diagnostic::location)
        .containsExactly("/States/P/ResultPath");
    assertThat(standard("{'StartAt':'P','States':{'P':{'Type':'Pass','ResultPath':null,'End':true}}}"))
        .isEmpty();
  }

  @Test
  void credentialsAcceptRoleArnDollarFormInJsonPath() {
    assertThat(
            standard(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Credentials':{'RoleArn.$':'$.role'},'End':true}}}"))
        .isEmpty();
  }

  @Test
  void expressRejectsSyncAndCallbacksButStandardAcceptsThem() {
    String sync =
        "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\",\"Resource\":"
            + "\"arn:aws:states:::states:startExecution.sync:2\",\"End\":true}}}";
    assertThat(DefinitionValidator.validate(sync, "STANDARD")).isEmpty();
    assertThat(DefinitionValidator.validate(sync, "EXPRESS"))
        .extracting(Diagnostic::message)
        .containsExactly("Express state machine does not support '.sync' service integration");
  }

  @Test
  void mapProcessorMayNotDeclareQueryLanguage() {
    assertThat(
            messages(
                standard(
                    "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'QueryLanguage':'JSONPath',"
                        + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}")))
        .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/M/ItemProcessor");
  }

  @Test
  void parallelBranchesAreCheckedAsStateMachines() {
    assertThat(
            standard(
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'X','States':"
                    + "{'A':{'Type':'Succeed'}}}],'End':true}}}"))
        .extracting(Diagnostic::message)
        .containsExactly("Missing 'StartAt' target: X");
  }

  @Test
  void malformedJsonIsADiagnosticNotAnException() {
    List<Diagnostic> found = DefinitionValidator.validate("{\"StartAt\":", "STANDARD");
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
      assertThat(d.location()).startsWith("[Source: (String)");
    });
    assertThat(DefinitionValidator.validate(null, "STANDARD"))
        .extracting(Diagnostic::message)
        .containsExactly("Definition must be a valid JSON object");
    assertThat(DefinitionValidator.validate("[1]", "STANDARD"))
        .extracting(Diagnostic::message)
        .containsExactly("Definition must be a valid JSON object");
  }

  @Test
  void apiReportTruncatesToMaxResults() {
    String threeUnreachable =
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"},\"B\":{\"Type\":\"Succeed\"},"
            + "\"C\":{\"Type\":\"Succeed\"},\"D\":{\"Type\":\"Succeed\"}}}";
    ValidationReport report = DefinitionValidator.validateForApi(threeUnreachable, "STANDARD", "ERROR", 2);
    assertThat(report.result()).isEqualTo("FAIL");
    assertThat(report.diagnostics()).hasSize(2);
    assertThat(report.truncated()).isTrue();
    ValidationReport ok =
        DefinitionValidator.validateForApi(
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}", null, null, null);
    assertThat(ok).isEqualTo(new ValidationReport("OK", List.of(), false));
  }
}
