package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * template.yaml keeps the key out of configuration: no function's environment holds it (nor a
 * dynamic reference that CloudFormation would resolve into it), only the secret's ARN; each
 * function may read that secret, and only the functions' roles may use the transitions queue;
 * workflows may invoke only the functions TaskFunctionArns lists (none by default), never the API.
 */
class TemplateTrustTest {
  private static String template() throws IOException {
    return Files.readString(Path.of("..", "template.yaml"));
  }

  @Test
  void noFunctionConfigurationHoldsTheKey() throws IOException {
    String t = template();
    // the key's variable is only declared, empty (so that sam local invoke --env-vars may set it)
    assertThat(t.replace(AwsWiring.TOKEN_KEY + ": \"\"\n", "")).doesNotContain(AwsWiring.TOKEN_KEY)
        .doesNotContain("resolve:secretsmanager");
    assertThat(t).contains(KeyLoading.SECRET + ": !Ref TaskTokenKey");
    assertThat(t.split("Action: secretsmanager:GetSecretValue\n              Resource: !Ref TaskTokenKey", -1)).hasSize(5);   // four functions
  }

  @Test
  void onlyTheFunctionsRolesMayUseTheTransitionsQueue() throws IOException {
    String t = template();
    assertThat(t).contains("Type: AWS::SQS::QueuePolicy");
    for (String role : new String[] {"StateAdvanceFunctionRole", "TaskRunnerFunctionRole", "ApiFunctionRole", "TaskTokenFunctionRole"}) {
      assertThat(t).contains("- !GetAtt " + role + ".Arn");
    }
  }

  @Test
  void workflowsInvokeOnlyListedFunctionsNoneByDefaultAndNeverTheApi() throws IOException {
    String t = template();
    assertThat(t).contains("  TaskFunctionArns:\n    Type: CommaDelimitedList\n    Default: \"\"\n");
    // the state-advance function and the task runner; GetFunctionConfiguration tells whether a task fits a call
    assertThat(t.split("- HasTaskFunctions\n              - Effect: Allow\n"
        + "                # GetFunctionConfiguration: a function whose timeout fits the call runs in it\n"
        + "                Action:\n                  - lambda:InvokeFunction\n                  - lambda:GetFunctionConfiguration\n"
        + "                Resource: !Ref TaskFunctionArns\n", -1)).hasSize(3);
    assertThat(t).contains("- Effect: Deny\n              Action: lambda:InvokeFunction\n              Resource:\n"
        + "                - !GetAtt ApiFunction.Arn");
  }
}
