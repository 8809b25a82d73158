package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** template.yaml: each service integration may touch only what its parameter lists, nothing by default. */
class TemplateServicePermissionsTest {
  private static String template() throws IOException {
    return Files.readString(Path.of("..", "template.yaml"));
  }

  @Test
  void eachIntegrationIsAllowedOnlyOnTheResourcesItsParameterListsAndNoneByDefault() throws IOException {
    String t = template();
    String[][] grants = {
        {"TaskQueueArns", "HasTaskQueues", "sqs:SendMessage"},
        {"TaskTopicArns", "HasTaskTopics", "sns:Publish"},
        {"TaskTableArns", "HasTaskTables", "dynamodb:UpdateItem"},
        {"TaskEventBusArns", "HasTaskEventBuses", "events:PutEvents"},
        {"TaskBucketArns", "HasTaskBuckets", "s3:GetObject"}};
    for (String[] g : grants) {
      assertThat(t).contains("  " + g[0] + ":\n    Type: CommaDelimitedList\n    Default: \"\"\n");
      assertThat(t).contains("  " + g[1] + ": !Not [!Equals [!Join [\"\", !Ref " + g[0] + "], \"\"]]");
      int condition = t.indexOf("              - " + g[1] + "\n");
      assertThat(condition).as(g[1] + " guards a statement").isPositive();
      String statement = t.substring(condition, t.indexOf("!Ref AWS::NoValue", condition));
      assertThat(statement).contains(g[2]).contains("Resource: !Ref " + g[0]).doesNotContain("\"*\"");
      // only the state-advance function runs service tasks
      assertThat(t.split("- " + g[1] + "\n", -1)).as(g[1]).hasSize(2);
    }
    assertThat(t).doesNotContain("Resource: \"*\"");
  }
}
