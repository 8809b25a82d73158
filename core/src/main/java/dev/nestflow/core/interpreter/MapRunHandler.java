package dev.nestflow.core.interpreter;

import java.time.Instant;

/**
 * Runs the map run a distributed Map started ({@link Effect.StartMapRun}) for a runner that drives
 * an execution in-process: returns the answer for the effect's key ({@link Signal.TaskSucceeded}
 * with the Map's result, or {@link Signal.TaskFailed}), or null when the map run does not end (a
 * child waits for something that never comes).
 */
@FunctionalInterface
public interface MapRunHandler {
  Signal run(Effect.StartMapRun run, Instant now, TaskHandler tasks);

  /**
   * Redrives a map run this handler ran (RedriveExecution of the parent): by default it cannot, and
   * the Map fails as its map run did not end.
   */
  default Signal redrive(Effect.RedriveMapRun redrive, Instant now, TaskHandler tasks) {
    return null;
  }
}
