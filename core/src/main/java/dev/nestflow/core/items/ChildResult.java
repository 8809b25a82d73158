package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * What a ResultWriter records of one finished child execution of a Map run.
 *
 * @param status SUCCEEDED, FAILED, TIMED_OUT or ABORTED; PENDING for an item whose child never started
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
   * Keys in alphabetical order, as AWS writes them; absent values are left out.
   */
  public ObjectNode toRecord() {
    ObjectNode record = Json.object();
    if (cause != null) {
      record.put("Cause", cause);
    }
    if (error != null) {
      record.put("Error", error);
    }
    if (executionArn != null) {
      record.put("ExecutionArn", executionArn);
    }
    if (input != null) {
      record.put("Input", Json.write(input));
      record.putObject("InputDetails").put("Included", true);
    }
    if (name != null) {
      record.put("Name", name);
    }
    if (output != null) {
      record.put("Output", Json.write(output));
      record.putObject("OutputDetails").put("Included", true);
    }
    record.put("RedriveCount", redriveCount);
    if (redriveStatus != null) {
      record.put("RedriveStatus", redriveStatus);
    }
    if (redriveStatusReason != null) {
      record.put("RedriveStatusReason", redriveStatusReason);
    }
    if (startDate != null) {
      record.put("StartDate", date(startDate));
    }
    if (stateMachineArn != null) {
      record.put("StateMachineArn", stateMachineArn);
    }
    record.put("Status", status);
    if (stopDate != null) {
      record.put("StopDate", date(stopDate));
    }
    return record;
  }

  /** True for a child whose result file is SUCCEEDED_n (the others go to FAILED_n). */
  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }

  /** ISO-8601 UTC with milliseconds, as AWS writes dates in result files: {@code 2025-02-04T01:49:50.099Z}. */
  static String date(Instant instant) {
    return DATE.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
}
