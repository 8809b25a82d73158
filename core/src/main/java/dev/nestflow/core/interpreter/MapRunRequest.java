package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.states.StateMachine;

/**
 * Everything a map run needs, resolved by the distributed Map state when it starts: where the items
 * come from, how each becomes a child's input, the children's definition and type, and the limits.
 * Fields that read the state's input (ItemReader's Parameters, ItemBatcher's BatchInput, the
 * limits' paths) are already evaluated; only the items the reader yields are still to come.
 *
 * @param mapRunArn {@code arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:UUID}
 * @param childStateMachineArn what AWS shows as the children's state machine: {@code
 *     ...:stateMachine:MACHINE/LABEL}
 * @param executionType STANDARD or EXPRESS ({@code ProcessorConfig.ExecutionType})
 * @param processorDefinition the item processor as a state machine definition of its own
 * @param items the items when the state has no ItemReader (from ItemsPath, Items or the input); null otherwise
 * @param itemReader the resolved ItemReader (Resource, Parameters/Arguments, ReaderConfig with MaxItems), or null
 * @param itemBatcher the resolved ItemBatcher (MaxItemsPerBatch, MaxInputBytesPerBatch, BatchInput), or null
 * @param resultWriter the resolved ResultWriter (Resource, Parameters/Arguments, WriterConfig), or null
 * @param maxConcurrency 0 = as many as possible
 * @param toleranceDeclared whether the state declares ToleratedFailureCount or Percentage (in any
 *     form): only then does a failure past the tolerance fail with States.ExceedToleratedFailureThreshold
 * @param selection turns an item into a child's input (ItemSelector; the item itself without one)
 */
public record MapRunRequest(
    String mapRunArn,
    String stateName,
    String childStateMachineArn,
    String executionType,
    StateMachine processor,
    ObjectNode processorDefinition,
    JsonNode items,
    JsonNode itemReader,
    JsonNode itemBatcher,
    JsonNode resultWriter,
    int maxConcurrency,
    int toleratedFailureCount,
    double toleratedFailurePercentage,
    boolean toleranceDeclared,
    ItemSelection selection) {

  /** The ItemSelector of the state, bound to the state's input, context and variables when it started. */
  @FunctionalInterface
  public interface ItemSelection {
    JsonNode input(int index, JsonNode item);
  }

  public boolean express() {
    return "EXPRESS".equals(executionType);
  }

  /**
   * The name of the child that runs item (or batch) {@code index}: a UUID derived from the map run
   * and the index, so a driver that starts it again (a redelivered message) finds the same child.
   */
  public String childName(int index) {
    return java.util.UUID.nameUUIDFromBytes((mapRunArn + "#" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * The child's ARN as AWS forms it: Standard {@code ...:execution:MACHINE/LABEL:NAME}, Express
   * {@code ...:express:MACHINE/LABEL:NAME:UUID}.
   */
  public String childExecutionArn(int index) {
    String name = childName(index);
    if (express()) {
      String id = java.util.UUID.nameUUIDFromBytes((mapRunArn + "#express#" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .toString();
      return childStateMachineArn.replace(":stateMachine:", ":express:") + ":" + name + ":" + id;
    }
    return childStateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
  }

  /** The map run's label: what follows the state machine's name in its ARN. */
  public String label() {
    String resource = childStateMachineArn.substring(childStateMachineArn.indexOf(":stateMachine:") + 14);
    return resource.substring(resource.indexOf('/') + 1);
  }

  /**
   * Whether {@code failed} failures among {@code total} items are more than the map run tolerates
   * (as the state's ToleratedFailureCount and ToleratedFailurePercentage say; neither = none).
   */
  public boolean exceedsTolerance(long failed, long total) {
    return exceeds(failed, total, toleratedFailureCount, toleratedFailurePercentage);
  }

  /** {@link #exceedsTolerance} with limits that UpdateMapRun may have changed. */
  public static boolean exceeds(long failed, long total, long count, double percentage) {
    if (failed == 0) {
      return false;
    }
    if (count > 0 && failed <= count) {
      return false;
    }
    return !(percentage > 0 && total > 0 && failed * 100.0 / total <= percentage);
  }
}
