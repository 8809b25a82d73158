package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.infrastructure.runtime.ApiException;
import dev.nestflow.infrastructure.store.ChildOutcome;
import dev.nestflow.infrastructure.store.MapRunRecord;
import java.util.Map;

/** Map runs as the API shows them: found by ARN, and their item and execution counts. */
final class MapRuns {
  private MapRuns() {}

  /** The map run the ARN names, or InvalidArn / ResourceNotFound as AWS answers. */
  static MapRunRecord find(ApiContext ctx, String mapRunArn) {
    Arn.parse(mapRunArn, "mapRun", 1, 3);
    return ctx.store().mapRuns().mapRun(mapRunArn)
        .orElseThrow(() -> new ApiException("ResourceNotFound", "Resource not found: '" + mapRunArn + "'"));
  }

  /**
   * The counts of MapRunItemCounts / MapRunExecutionCounts: a child per item (or batch), so both
   * count the same children. Started but not ended = running; not started = pending (a run that
   * ended leaves none running: its unstarted and unfinished children count as aborted when it was
   * aborted or failed).
   */
  static ObjectNode counts(ObjectNode out, MapRunRecord run, Map<Integer, ChildOutcome> outcomes) {
    long succeeded = 0;
    long failed = 0;
    long timedOut = 0;
    long aborted = 0;
    for (ChildOutcome o : outcomes.values()) {
      switch (o.status()) {
        case "SUCCEEDED" -> succeeded++;
        case "TIMED_OUT" -> timedOut++;
        case "ABORTED" -> aborted++;
        default -> failed++;
      }
    }
    long running = Math.max(0, run.cursor() - outcomes.size());
    long pending = Math.max(0, run.total() - run.cursor());
    if (!run.running() && !"SUCCEEDED".equals(run.status())) {
      aborted += running;
      running = 0;
    }
    out.put("pending", pending);
    out.put("running", running);
    out.put("succeeded", succeeded);
    out.put("failed", failed);
    out.put("timedOut", timedOut);
    out.put("aborted", aborted);
    out.put("total", run.total());
    out.put("resultsWritten", run.resultWriter() != null && "SUCCEEDED".equals(run.status()) ? outcomes.size() : 0);
    out.put("failuresNotRedrivable", 0);
    out.put("pendingRedrive", 0);
    return out;
  }
}
