package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How an execution ended: status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED, or RUNNING when it is
 * still waiting), the output (succeeded only), error and cause (failed, timed out, aborted; either may
 * be null), and its history events exactly as GetExecutionHistory returns them (payloads as JSON text).
 */
public record ExecutionResult(
    String status, JsonNode output, String error, String cause, List<ObjectNode> history) {}
