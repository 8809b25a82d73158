package dev.nestflow.core.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nestflow.core.errors.ErrorNames;
import dev.nestflow.core.json.Json;

/**
 * What a map run's children came to, as they end: counts, the outputs in item order, and whether
 * the failures so far exceed the tolerance. The rule is AWS's: without ToleratedFailureCount or
 * Percentage the first failure fails the map run with that child's error and cause; with them, a
 * failure past the tolerance fails it with States.ExceedToleratedFailureThreshold.
 */
public final class MapRunTally {
  private final boolean toleranceDeclared;
  private final JsonNode[] outputs;
  private long succeeded;
  private long failed;
  private long toleratedCount;
  private double toleratedPercentage;
  private String error;
  private String cause;
  private boolean exceeded;

  public MapRunTally(MapRunRequest request, int total) {
    this(total, request.toleratedFailureCount(), request.toleratedFailurePercentage(), request.toleranceDeclared());
  }

  /** A tally with the given tolerance; {@code toleranceDeclared}: see {@link MapRunRequest#toleranceDeclared()}. */
  public MapRunTally(int total, long toleratedCount, double toleratedPercentage, boolean toleranceDeclared) {
    this.outputs = new JsonNode[total];
    this.toleratedCount = toleratedCount;
    this.toleratedPercentage = toleratedPercentage;
    this.toleranceDeclared = toleranceDeclared;
  }

  /** UpdateMapRun changed the tolerance: it applies to the failures still to come (and those so far). */
  public void tolerate(long count, double percentage) {
    this.toleratedCount = count;
    this.toleratedPercentage = percentage;
  }

  public void succeeded(int index, JsonNode output) {
    outputs[index] = output;
    succeeded++;
  }

  /** A child failed (or timed out, or was aborted); true when the map run fails with it. */
  public boolean failed(int index, String childError, String childCause) {
    failed++;
    if (!exceeded && MapRunRequest.exceeds(failed, outputs.length, toleratedCount, toleratedPercentage)) {
      exceeded = true;
      if (toleranceDeclared) {
        error = ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD;
        cause = MapStep.EXCEEDED_CAUSE;
      } else {
        error = childError;
        cause = childCause;
      }
    }
    return exceeded;
  }

  public boolean exceeded() {
    return exceeded;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  public long succeededCount() {
    return succeeded;
  }

  public long failedCount() {
    return failed;
  }

  public int total() {
    return outputs.length;
  }

  /** Whether every child has ended. */
  public boolean complete() {
    return succeeded + failed == outputs.length;
  }

  /** The children's outputs in item order (null for a child that failed within the tolerance). */
  public ArrayNode outputs() {
    ArrayNode out = Json.array();
    for (JsonNode o : outputs) {
      out.add(o == null ? Json.NODES.nullNode() : o);
    }
    return out;
  }
}
