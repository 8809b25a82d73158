package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.store.ExecutionRecord;

/** An execution's fields as DescribeExecution and StartSyncExecution write them. */
final class Executions {
  private Executions() {}

  static void describe(ObjectNode out, ExecutionRecord rec, boolean withData) {
    out.put("executionArn", rec.executionArn());
    out.put("stateMachineArn", rec.stateMachineArn());
    out.put("name", rec.name());
    out.put("status", rec.status());
    Dates.put(out, "startDate", rec.startMillis());
    Dates.put(out, "stopDate", rec.running() ? null : rec.stopMillis());
    if (withData) {
      out.put("input", rec.inputText());
    }
    out.putObject("inputDetails").put("included", withData);
    if ("SUCCEEDED".equals(rec.status())) {
      if (withData && rec.outputText() != null) {
        out.put("output", rec.outputText());
      }
      out.putObject("outputDetails").put("included", withData);
    }
    if (rec.error() != null) {
      out.put("error", rec.error());
    }
    if (rec.cause() != null) {
      out.put("cause", rec.cause());
    }
  }
}
