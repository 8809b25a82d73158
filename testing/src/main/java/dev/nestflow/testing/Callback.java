package dev.nestflow.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A callback ({@code .waitForTaskToken}) task waiting for its token: the test answers it as a worker
 * would, with SendTaskSuccess or SendTaskFailure, and the workflow then runs on until it ends or
 * waits again.
 */
public final class Callback {
  private final LocalStepFunctions sfn;
  private final String executionArn;
  private final String stateName;
  private final String token;
  private final JsonNode input;

  Callback(LocalStepFunctions sfn, String executionArn, String stateName, String token, JsonNode input) {
    this.sfn = sfn;
    this.executionArn = executionArn;
    this.stateName = stateName;
    this.token = token;
    this.input = input;
  }

  public String stateName() {
    return stateName;
  }

  public String executionArn() {
    return executionArn;
  }

  /** The task token ({@code $$.Task.Token}). */
  public String token() {
    return token;
  }

  /** What the task sent (its Parameters or Arguments, evaluated): the message a worker would read. */
  public JsonNode input() {
    return input;
  }

  /** SendTaskSuccess with {@code output} (a JsonNode, or any value Jackson can write), then runs on. */
  public Execution succeed(Object output) {
    sfn.answered(this);
    sfn.runtime().sendTaskSuccess(token, dev.nestflow.core.json.Json.write(LocalStepFunctions.json(output)));
    return sfn.drive(executionArn);
  }

  /** SendTaskFailure with {@code error} and {@code cause}, then runs on. */
  public Execution fail(String error, String cause) {
    sfn.answered(this);
    sfn.runtime().sendTaskFailure(token, error, cause);
    return sfn.drive(executionArn);
  }

  @Override
  public String toString() {
    return stateName + " (waiting for its token; input " + dev.nestflow.core.json.Json.write(input) + ")";
  }
}
