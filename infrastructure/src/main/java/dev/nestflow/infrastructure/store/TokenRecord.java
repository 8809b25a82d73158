package dev.nestflow.infrastructure.store;

/**
 * A task token: which execution's task it answers. Resolvable with one key lookup.
 *
 * @param taskKey the interpreter's key of the waiting task attempt
 */
public record TokenRecord(String token, String executionArn, String taskKey, long createdMillis) {}
