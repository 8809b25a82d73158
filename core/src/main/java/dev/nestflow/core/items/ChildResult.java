package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What a ResultWriter records of one finished child execution of a Map run.
 *
 * @param status SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param input the child's input (an item or a batch)
 * @param output the child's output; null unless it succeeded
 * @param error the error name when it failed; null otherwise
 * @param cause the cause text when it failed; null otherwise
 * @param redriveStatus REDRIVABLE, NOT_REDRIVABLE, REDRIVABLE_BY_MAP_RUN
 */
public record ChildResult(
    String executionArn,
    String name,
    String stateMachineArn,
    String status,
    JsonNode input,
    JsonNode output,
    String error,
    String cause,
    Instant startDate,
    Instant stopDate,
    int redriveCount,
    String redriveStatus,
    String redriveStatusReason) {

  /**
   * The record AWS writes into a result file: {@code {"ExecutionArn","Input","InputDetails","Name",
   * "Output","OutputDetails","RedriveCount","RedriveStatus","RedriveStatusReason","StartDate",
   * "StateMachineArn","Status","StopDate"}} (Input and Output as JSON text; Error and Cause for a failed child).
   */
  public ObjectNode toRecord() {
    throw new UnsupportedOperationException("not yet");
  }
}
