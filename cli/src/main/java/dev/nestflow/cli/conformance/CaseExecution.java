package dev.nestflow.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One execution an engine must run, with every placeholder of the case already replaced by a real
 * value (account, region, names, ARNs).
 *
 * @param definition the ASL definition text
 * @param type STANDARD or EXPRESS
 * @param input the execution input
 * @param stateMachineArn ARN of the state machine to create and start
 * @param executionName name of the execution to start
 * @param roleArn the role the state machine runs as (shows in ExecutionStarted)
 * @param region region of all ARNs, e.g. us-east-1
 * @param account account id of all ARNs
 * @param children child state machines the definition may start: state machine ARN -> definition text
 * @param lambdas Lambda functions to provide: function name -> the case's description of it (fields
 *     {@code file}, {@code behaviour}, {@code runtime}, {@code arn}); {@link #lambdaKind} gives the
 *     function file's short name ("id_function")
 * @param resources other resources to create (case field {@code resources}, {@code placeholder} now
 *     holding the real value: SQS queue URL, DynamoDB table name, activity ARN, SNS topic ARN)
 * @param actors the case's {@code actors} (null when absent), placeholders replaced; not interpreted
 *     by the runner
 * @param requires the case's {@code requires}
 * @param needs every capability the case needs (see {@link CaseNeeds})
 */
public record CaseExecution(
    String caseId,
    String definition,
    String type,
    JsonNode input,
    String stateMachineArn,
    String executionName,
    String roleArn,
    String region,
    String account,
    Map<String, String> children,
    Map<String, JsonNode> lambdas,
    List<JsonNode> resources,
    JsonNode actors,
    List<String> requires,
    List<String> needs) {

  public CaseExecution {
    children = Map.copyOf(children);
    lambdas = Map.copyOf(lambdas);
    resources = List.copyOf(resources);
    requires = List.copyOf(requires);
    needs = List.copyOf(needs);
  }

  /** Short name of the function file behind a Lambda name ("id_function"), or null if unknown. */
  public String lambdaKind(String functionName) {
    JsonNode spec = lambdas.get(functionName);
    if (spec == null || !spec.path("file").isTextual()) {
      return null;
    }
    String file = spec.path("file").asText();
    String base = file.substring(file.lastIndexOf('/') + 1);
    return base.endsWith(".py") ? base.substring(0, base.length() - 3) : base;
  }
}
