package dev.nestflow.testing.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {
  static final Path EXAMPLE = Path.of("..", "examples", "junit", "template.yaml");
  static final Path JSON_TEMPLATE = Path.of("src", "test", "resources", "templates", "cloudformation.json");

  @Test
  void readsEveryStateMachineOfTheExampleUnderItsLogicalIdWithShortTagsResolved() {
    SamTemplate template = SamTemplate.read(EXAMPLE);
    assertThat(template.stateMachines()).extracting(TemplateStateMachine::logicalId).containsExactly("OrderWorkflow", "ShipmentWorkflow");
    JsonNode order = Json.parse(template.stateMachine("OrderWorkflow").definition());
    // DefinitionUri + DefinitionSubstitutions whose values are !GetAtt and !Ref
    assertThat(order.at("/States/Charge/Parameters/FunctionName").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:charge-test");
    assertThat(order.at("/States/Ship/Parameters/StateMachineArn").asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:ShipmentWorkflow");
    assertThat(order.at("/States/AwaitDelivery/Parameters/QueueUrl").asText())
        .isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/DeliveryQueue");
    // DefinitionString: !Sub with ${Resource.Attribute}
    JsonNode shipment = Json.parse(template.stateMachine("ShipmentWorkflow").definition());
    assertThat(shipment.at("/States/PrintLabel/Parameters/FunctionName").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:LabelFunction");
    assertThat(shipment.at("/States/PrintLabel/Parameters/Payload.$").asText()).isEqualTo("$");
  }

  @Test
  void parametersOverrideTheirDefaults() {
    JsonNode order = Json.parse(SamTemplate.read(EXAMPLE, "eu-west-1", "111122223333", Map.of("Stage", "prod"))
        .stateMachine("OrderWorkflow").definition());
    assertThat(order.at("/States/Charge/Parameters/FunctionName").asText())
        .isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:charge-prod");
  }

  @Test
  void readsJsonTemplatesWithFnJoinFindInMapAndSubstitutions() {
    SamTemplate template = SamTemplate.read(JSON_TEMPLATE, "us-east-1", "123456789012", Map.of("Secret", "s"));
    TemplateStateMachine joined = template.stateMachine("Joined");
    assertThat(joined.type()).isEqualTo("EXPRESS");
    assertThat(Json.parse(joined.definition()).at("/States/Say/Result")).isEqualTo(Json.parse(
        "{\"greeting\":\"hello\",\"topic\":\"arn:aws:sns:us-east-1:123456789012:alerts\",\"suffix\":\"use1\",\"count\":\"3\"}"));
    // a whole "${Count}" in an inline Definition takes the substitution's value as it is
    assertThat(Json.parse(template.stateMachine("Inline").definition()).at("/States/P/Result")).isEqualTo(Json.parse(
        "{\"n\":3,\"arn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:Joined\"}"));
  }

  @Test
  void shortTagsNestAndTakeTheirListForms(@TempDir Path dir) throws Exception {
    Path t = dir.resolve("template.yaml");
    Files.writeString(t, """
        Parameters:
          Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
        Resources:
          Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub "${AWS::StackName}-jobs"}}
          M:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              DefinitionString: !Sub
                - '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"queue":"${Url}","zone":"${Zone}","arn":"${Queue.Arn}","lit":"${!Literal}"},"End":true}}}'
                - Url: !GetAtt Queue.QueueUrl
                  Zone: !Select [1, !Split [",", !Ref Zones]]
        """);
    JsonNode result = Json.parse(SamTemplate.read(t).stateMachine("M").definition()).at("/States/P/Result");
    assertThat(result).isEqualTo(Json.parse("""
        {"queue": "https://sqs.us-east-1.amazonaws.com/123456789012/nestflow-local-jobs", "zone": "b",
         "arn": "arn:aws:sqs:us-east-1:123456789012:nestflow-local-jobs", "lit": "${Literal}"}"""));
  }

  @Test
  void anIntrinsicThatCannotBeResolvedIsNamedWithItsPlace(@TempDir Path dir) throws Exception {
    Path t = dir.resolve("template.yaml");
    Files.writeString(t, """
        Resources:
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              Definition:
                StartAt: P
                States:
                  P: {Type: Pass, Result: !ImportValue shared-queue-url, End: true}
        """);
    assertThatThrownBy(() -> SamTemplate.read(t))
        .isInstanceOf(TemplateException.class)
        .hasMessage(t + ": Resources.Machine.Properties.Definition.States.P.Result.Fn::ImportValue:"
            + " Fn::ImportValue cannot be resolved by nestflow outside CloudFormation");
  }

  @Test
  void aReferenceNestflowCannotResolveSaysWhy(@TempDir Path dir) throws Exception {
    Path t = dir.resolve("template.yaml");
    Files.writeString(t, """
        Parameters:
          Needed: {Type: String}
        Resources:
          Cluster: {Type: AWS::ECS::Cluster}
          A:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              DefinitionString: !Sub '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Cluster}","End":true}}}'
          B:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              DefinitionString: !Sub '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Needed}","End":true}}}'
        """);
    assertThatThrownBy(() -> SamTemplate.read(t))
        .hasMessageContaining("Resources.A.Properties.DefinitionString.Fn::Sub: Ref Cluster: nestflow cannot resolve a reference"
            + " to a AWS::ECS::Cluster outside CloudFormation");
    assertThatThrownBy(() -> SamTemplate.read(t, "us-east-1", "123456789012", Map.of()))
        .hasMessageContaining("Ref Cluster");
    Files.writeString(t, Files.readString(t).replace("Cluster}", "AWS::Region}"));
    assertThatThrownBy(() -> SamTemplate.read(t))
        .hasMessageContaining("Resources.B.Properties.DefinitionString.Fn::Sub: Ref Needed: the parameter has no Default");
  }

  @Test
  void aDefinitionInS3CannotBeReadLocally(@TempDir Path dir) throws Exception {
    Path t = dir.resolve("template.yaml");
    Files.writeString(t, """
        Resources:
          M:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: {Bucket: b, Key: k.json}
        """);
    assertThatThrownBy(() -> SamTemplate.read(t)).hasMessageContaining("Resources.M.Properties.DefinitionUri: a definition in S3");
  }
}
