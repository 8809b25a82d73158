package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.runtime.Activities;
import java.time.Duration;
import java.util.Optional;

/**
 * GetActivityTask: a worker long-polls for a task of the activity. The answer is the task token and
 * input, or an empty answer (no token) when no task came during the poll. AWS polls up to 60 s; we
 * poll {@link #LONG_POLL} so a local worker loop stays responsive, which the API allows (an empty
 * answer only means "ask again").
 */
final class GetActivityTask implements Operation {
  static final Duration LONG_POLL = Duration.ofSeconds(5);
  private static final long POLL_INTERVAL_MILLIS = 100;

  private final ApiContext ctx;

  GetActivityTask(ApiContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectNode invoke(ApiRequest r) {
    String arn = r.required("activityArn", 1, 256);
    String workerName = r.string("workerName", 1, 80);
    Arn.parse(arn, "activity", 1, 1);
    long deadline = System.nanoTime() + LONG_POLL.toNanos();
    while (true) {
      Optional<Activities.ActivityTask> task = ctx.commands().activities().getActivityTask(arn, workerName);
      if (task.isPresent()) {
        ObjectNode out = Json.object();
        out.put("taskToken", task.get().taskToken());
        out.put("input", task.get().input());
        return out;
      }
      if (System.nanoTime() >= deadline) {
        return Json.object();
      }
      try {
        Thread.sleep(POLL_INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Json.object();
      }
    }
  }
}
