package dev.nestflow.infrastructure.tasks;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The task integrations every mode runs, in order (the first that handles a resource wins): Lambda,
 * Step Functions' own API ({@code aws-sdk:sfn:*}, nestflow itself), the optimized SQS, SNS,
 * DynamoDB and EventBridge integrations, the HTTP Task, and the generic {@code aws-sdk}
 * integration. Modes differ only in the adapters they pass: where functions run ({@link
 * LambdaFunction}) and which services answer ({@link InMemoryServices} or {@link SdkServices}).
 * Nested executions ({@code states:startExecution}) and activities are run by the runtime itself,
 * which owns their durable state.
 */
public final class StandardIntegrations {
  private StandardIntegrations() {}

  /**
   * @param functions where Lambda tasks run, or null when this mode has none (tasks then fail
   *     with the builder's hint)
   * @param stepFunctions the {@code aws-sdk:sfn} integration over this mode's runtime
   */
  public static TaskIntegrations.Builder builder(LambdaFunction functions, TaskIntegration stepFunctions,
      AwsServices services, Clock clock, Supplier<String> ids) {
    TaskIntegrations.Builder b = TaskIntegrations.builder();
    if (functions != null) {
      b.add(new LambdaIntegration(functions));
    }
    return b.add(stepFunctions)
        .add(new SqsIntegration(services, clock, ids))
        .add(new SnsIntegration(services, clock, ids))
        .add(new DynamoDbIntegration(services, clock, ids))
        .add(new EventBridgeIntegration(services, ids))
        .add(new HttpTaskIntegration())
        .add(new AwsSdkIntegration(services, ids));
  }
}
