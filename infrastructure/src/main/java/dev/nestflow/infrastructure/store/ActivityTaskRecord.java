package dev.nestflow.infrastructure.store;

/**
 * A task waiting in an activity's queue for a worker: the task token, the execution and the
 * interpreter's key of the waiting task attempt, the task's input as JSON text, and when it was
 * scheduled (tasks are handed out oldest first).
 */
public record ActivityTaskRecord(
    String activityArn, String token, String executionArn, String taskKey, String inputText, long scheduledMillis) {}
