package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.queue.MessageQueue;
import dev.nestflow.infrastructure.runtime.ExecutionCommands;
import dev.nestflow.infrastructure.store.ExecutionRecord;
import dev.nestflow.infrastructure.store.ExecutionStore;
import java.time.Clock;
import java.time.Duration;

/**
 * What every operation works on: the runtime's commands (and its store and transitions queue), the API
 * catalog, the account and region the ARNs are minted in, the clock, and how long
 * StartSyncExecution waits for an Express execution to end.
 */
public record ApiContext(
    ExecutionCommands commands,
    MessageQueue transitions,
    ApiCatalog catalog,
    String region,
    String account,
    Clock clock,
    Duration syncTimeout) {

  public static final Duration EXPRESS_LIMIT = Duration.ofMinutes(5);

  public ExecutionStore store() {
    return commands.store();
  }

  long now() {
    return clock.millis();
  }

  String arn(String type, String name) {
    return "arn:aws:states:" + region + ":" + account + ":" + type + ":" + name;
  }

  /** The API's document of an unqualified state machine ARN, or StateMachineDoesNotExist. */
  ObjectNode stateMachine(String unqualifiedArn, String asGiven) {
    return catalog.get(ApiCatalog.STATE_MACHINE, unqualifiedArn)
        .orElseThrow(() -> ApiErrors.stateMachineDoesNotExist(asGiven));
  }

  /**
   * The execution an execution ARN names (a Standard one: Express executions are not kept for
   * describing), or InvalidArn / ExecutionDoesNotExist.
   */
  ExecutionRecord standardExecution(String executionArn) {
    Arn arn = Arn.parse(executionArn);
    if (!"execution".equals(arn.type())) {
      throw ApiErrors.invalidArn("Resource type not valid in this context: " + arn.type());
    }
    if (arn.parts().size() != 2) {
      throw ApiErrors.invalidArn("Invalid Arn resource: " + executionArn);
    }
    return store().execution(executionArn).orElseThrow(() -> ApiErrors.executionDoesNotExist(executionArn));
  }
}
